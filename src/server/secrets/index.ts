import { config, type AppConfig } from '../config';
import { GoogleSecretStore } from './google-secret-store';
import { LocalSecretStore } from './local-secret-store';
import type { SecretStore } from './secret-store';

let store: SecretStore | undefined;
let override: SecretStore | undefined;

/** The configured secret store: SECRETS_BACKEND=google (production default) or local. */
export function secretStore(): SecretStore {
  if (override) return override;
  store ??= createSecretStore(config());
  return store;
}

/** The backend a configuration selects: Google Secret Manager for SECRETS_BACKEND=google, else the local store. */
export function createSecretStore(c: Pick<AppConfig, 'secretsBackend' | 'secretsProjectId'>): SecretStore {
  return c.secretsBackend === 'google' ? new GoogleSecretStore(c.secretsProjectId) : new LocalSecretStore();
}

/** Tests may swap the store (for example to point the real Google client at a local server). */
export function setSecretStoreForTests(s: SecretStore | undefined) {
  override = s;
}

export type { SecretStore } from './secret-store';
export { secretName } from './secret-store';
