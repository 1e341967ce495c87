'use client';
import { getApp, getApps, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, inMemoryPersistence, setPersistence, type Auth } from 'firebase/auth';

export interface WebFirebaseConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  authEmulatorHost: string | null;
}

let auth: Auth | undefined;

/**
 * The browser SDK, used only to sign in. Tokens are kept in memory: the server session cookie
 * is what keeps a staff member signed in, so nothing long-lived sits in browser storage.
 */
export async function browserAuth(config: WebFirebaseConfig): Promise<Auth> {
  if (auth) return auth;
  const app: FirebaseApp = getApps().length ? getApp() : initializeApp({ apiKey: config.apiKey, authDomain: config.authDomain, projectId: config.projectId });
  auth = getAuth(app);
  if (config.authEmulatorHost) connectAuthEmulator(auth, `http://${config.authEmulatorHost}`, { disableWarnings: true });
  await setPersistence(auth, inMemoryPersistence);
  return auth;
}
