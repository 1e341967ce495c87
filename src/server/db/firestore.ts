import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { config } from '../config';

const APP_NAME = 'bakedbot';

// Survives Next's module reloading in development: Firestore settings may be applied only once.
const g = globalThis as unknown as { __bakedbotFirestore?: Firestore };

export function adminApp(): App {
  return getApps().find((a) => a.name === APP_NAME) ?? initializeApp({ projectId: config().projectId }, APP_NAME);
}

export function firestore(): Firestore {
  if (!g.__bakedbotFirestore) {
    const db = getFirestore(adminApp());
    db.settings({ ignoreUndefinedProperties: true });
    g.__bakedbotFirestore = db;
  }
  return g.__bakedbotFirestore;
}
