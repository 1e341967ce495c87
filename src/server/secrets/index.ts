import { config } from '../config';
import { LocalSecretStore } from './local-secret-store';
import type { SecretStore } from './secret-store';

let store: SecretStore | undefined;
let override: SecretStore | undefined;

/** The configured secret store: SECRETS_BACKEND=google (production default) or local. */
export function secretStore(): SecretStore {
  if (override) return override;
  if (!store) {
    if (config().secretsBackend === 'google') {
      throw new Error('SECRETS_BACKEND=google: the Google Secret Manager store is not wired in yet.');
    }
    store = new LocalSecretStore();
  }
  return store;
}

/** Tests may swap the store (for example to point the real Google client at a local server). */
export function setSecretStoreForTests(s: SecretStore | undefined) {
  override = s;
}

export type { SecretStore } from './secret-store';
export { secretName } from './secret-store';
