import { firestore } from '../db/firestore';
import type { SecretStore } from './secret-store';

/**
 * Development and test backend. Secrets sit in a top-level `_local_secrets` collection that
 * firestore.rules denies to browsers and that is never used in production (where
 * SECRETS_BACKEND=google). It persists with the emulator data like everything else.
 */
export class LocalSecretStore implements SecretStore {
  private col() {
    return firestore().collection('_local_secrets');
  }

  async get(name: string): Promise<string | null> {
    const snap = await this.col().doc(name).get();
    const value = snap.get('value') as unknown;
    return typeof value === 'string' ? value : null;
  }

  async put(name: string, value: string): Promise<void> {
    await this.col().doc(name).set({ value, updatedAt: new Date() });
  }

  async remove(name: string): Promise<void> {
    await this.col().doc(name).delete();
  }
}
