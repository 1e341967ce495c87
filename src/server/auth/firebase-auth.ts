import { getAuth, type Auth } from 'firebase-admin/auth';
import { adminApp } from '../db/firestore';

export function adminAuth(): Auth {
  return getAuth(adminApp());
}

export function authErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; errorInfo?: { code?: string } };
  return e?.errorInfo?.code ?? e?.code;
}
