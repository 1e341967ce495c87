import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { crc32c } from '../integrations/google/crc32c';
import { logger } from '../log';
import type { SecretStore } from './secret-store';

type ClientOptions = ConstructorParameters<typeof SecretManagerServiceClient>[0];

function grpcCode(err: unknown): number | string | undefined {
  const e = err as { code?: number | string; status?: string };
  return e?.status ?? e?.code;
}
const isNotFound = (err: unknown) => [5, 404, 'NOT_FOUND'].includes(grpcCode(err) as never);
const isAlreadyExists = (err: unknown) => [6, 409, 'ALREADY_EXISTS'].includes(grpcCode(err) as never);

/**
 * Production backend: Google Secret Manager through its official client. We use the client's
 * REST transport (`fallback: true`): plain HTTPS/JSON, no native gRPC stack to ship, and the same
 * wire format our tests' local server speaks. Payloads carry a CRC32C both ways.
 */
export class GoogleSecretStore implements SecretStore {
  private readonly client: SecretManagerServiceClient;

  constructor(
    private readonly projectId: string,
    options: ClientOptions = {},
  ) {
    this.client = new SecretManagerServiceClient({ fallback: true, ...options });
  }

  private secretPath(name: string) {
    return `projects/${this.projectId}/secrets/${name}`;
  }

  async get(name: string): Promise<string | null> {
    try {
      // A webhook waits on this read: fail fast rather than ride the client's 10-minute default retry budget.
      const [version] = await this.client.accessSecretVersion({ name: `${this.secretPath(name)}/versions/latest` }, { timeout: 4_000, maxRetries: 1 });
      const data = version.payload?.data;
      if (!data) return null;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(data);
      const expected = version.payload?.dataCrc32c;
      if (expected !== null && expected !== undefined && Number(expected) !== crc32c(bytes)) {
        logger().error({ secret: name }, 'secret payload failed its CRC32C check');
        return null;
      }
      return bytes.toString('utf8');
    } catch (err) {
      // Missing or unreadable: the caller treats both as "no secret" and fails closed.
      if (!isNotFound(err)) logger().error({ err, secret: name }, 'reading a secret from Secret Manager failed');
      return null;
    }
  }

  async put(name: string, value: string): Promise<void> {
    const data = Buffer.from(value, 'utf8');
    const add = () => this.client.addSecretVersion({ parent: this.secretPath(name), payload: { data, dataCrc32c: crc32c(data) } });
    try {
      await add();
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await this.client.createSecret({
          parent: `projects/${this.projectId}`,
          secretId: name,
          secret: { replication: { automatic: {} }, labels: { app: 'bakedbot' } },
        });
      } catch (createErr) {
        if (!isAlreadyExists(createErr)) throw createErr;
      }
      await add();
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.deleteSecret({ name: this.secretPath(name) });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
