'use client';
import { getApp, getApps, initializeApp } from 'firebase/app';
import { signInWithCustomToken, type Auth } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { api } from '@/ui/primitives/api-client';
import { browserAuth, type WebFirebaseConfig } from '../auth/firebase-client';

export interface LiveConfig extends WebFirebaseConfig {
  /** host:port of the Firestore emulator in development and tests; null in production. */
  firestoreEmulatorHost: string | null;
}

let db: Firestore | undefined;

function browserFirestore(config: LiveConfig): Firestore {
  if (db) return db;
  const app = getApps().length ? getApp() : initializeApp({ apiKey: config.apiKey, authDomain: config.authDomain, projectId: config.projectId });
  db = getFirestore(app);
  if (config.firestoreEmulatorHost) {
    const [host, port] = config.firestoreEmulatorHost.split(':');
    connectFirestoreEmulator(db, host ?? '127.0.0.1', Number(port));
  }
  return db;
}

let signingIn: Promise<Auth> | undefined;

/**
 * Signs the browser SDK in as the staff member the session cookie belongs to: the server mints a
 * custom token carrying the session's { orgId, role }, kept in memory only. firestore.rules
 * then let this user read their own tenant's live collections, and nothing else.
 */
export async function signedInFirestore(config: LiveConfig, orgId: string): Promise<Firestore> {
  signingIn ??= (async () => {
    const auth = await browserAuth(config);
    const current = auth.currentUser ? await auth.currentUser.getIdTokenResult() : null;
    if (current?.claims.orgId !== orgId) {
      const { token } = await api<{ token: string }>('/api/auth/firebase-token', { body: {} });
      await signInWithCustomToken(auth, token);
    }
    return auth;
  })().catch((err: unknown) => {
    signingIn = undefined;
    throw err;
  });
  await signingIn;
  return browserFirestore(config);
}
