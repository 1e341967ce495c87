import { Timestamp } from 'firebase-admin/firestore';

/** Firestore hands back Timestamps; the domain speaks Date. Converts at any depth. */
export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = timestampsToDates(v);
    return out;
  }
  return value;
}
