/**
 * Where secrets live: Google Secret Manager in production, a local store (Firestore, outside
 * any tenant's data) in development and tests. Callers never see which.
 */
export interface SecretStore {
  /** The latest value of the secret, or null when it does not exist or cannot be read. */
  get(name: string): Promise<string | null>;
  /** Stores a new value (a new version), creating the secret when needed. */
  put(name: string, value: string): Promise<void>;
  /** Removes the secret and all its versions. Missing secrets are ignored. */
  remove(name: string): Promise<void>;
}

/** Secret names: Secret Manager allows letters, digits, - and _ up to 255 characters. */
export function secretName(...parts: string[]): string {
  const name = parts.join('--').replace(/[^A-Za-z0-9_-]/g, '_');
  if (!name || name.length > 255) throw new Error(`Invalid secret name from ${parts.join(', ')}`);
  return name;
}
