import type { z } from 'zod';
import {
  FieldValue,
  type CollectionReference,
  type DocumentReference,
  type Firestore,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  type Timestamp,
  type Transaction,
  type UpdateData,
} from 'firebase-admin/firestore';
import { AppError, DataIntegrityError, errors, issuesOf } from '@/domain/errors';
import { timestampsToDates } from './convert';

/** Every model schema carries the document id as `id`; it is not stored in the document body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the converter must accept every schema's document type
export type ModelSchema = z.ZodObject<{ id: z.ZodType<string> } & Record<string, any>>;

/** Fills fields derived from others before every write (the customer's birthday key). */
export type Prepare = (model: Record<string, unknown>) => Record<string, unknown>;

/**
 * How a model differs from its stored document: `prepare` fills derived fields before validation;
 * `toStored` may leave fields out of what is written (after validation), and `fromStored` fills
 * them back before a read is validated, so every reader still gets a whole model.
 */
export interface StoredShape {
  prepare?: Prepare;
  toStored?: (data: Record<string, unknown>) => Record<string, unknown>;
  fromStored?: (data: Record<string, unknown>) => Record<string, unknown>;
}

const shapeOf = (s: Prepare | StoredShape | undefined): StoredShape => (typeof s === 'function' ? { prepare: s } : (s ?? {}));

export function modelConverter<S extends ModelSchema>(schema: S, collectionPath: string, shape?: Prepare | StoredShape): FirestoreDataConverter<z.infer<S>> {
  const { prepare, toStored, fromStored } = shapeOf(shape);
  return {
    toFirestore(model) {
      const parsed = schema.safeParse(prepare ? prepare(model as Record<string, unknown>) : model);
      if (!parsed.success) throw errors.invalidDocument(`${collectionPath}/${String((model as { id?: unknown }).id ?? '?')}`, parsed.error);
      const { id: _id, ...data } = parsed.data as { id: string } & Record<string, unknown>;
      return toStored ? toStored(data) : data;
    },
    fromFirestore(snap: QueryDocumentSnapshot) {
      const raw = timestampsToDates(snap.data()) as Record<string, unknown>;
      const parsed = schema.safeParse({ ...(fromStored ? fromStored(raw) : raw), id: snap.id });
      if (!parsed.success) throw new DataIntegrityError(snap.ref.path, issuesOf(parsed.error));
      return parsed.data;
    },
  };
}

/**
 * A typed, validated collection: documents are checked against their zod schema on every write
 * and every read, so a bad document is a clear error and never a silent undefined.
 */
export class TypedCollection<S extends ModelSchema> {
  readonly ref: CollectionReference<z.infer<S>>;
  private readonly prepare?: Prepare;

  constructor(
    db: Firestore,
    readonly path: string,
    readonly schema: S,
    /** Human name used in not-found messages: "Customer not found." */
    readonly label: string,
    shape?: Prepare | StoredShape,
  ) {
    this.prepare = shapeOf(shape).prepare;
    this.ref = db.collection(path).withConverter(modelConverter(schema, path, shape));
  }

  doc(id?: string): DocumentReference<z.infer<S>> {
    return id === undefined ? this.ref.doc() : this.ref.doc(id);
  }

  async get(id: string): Promise<z.infer<S> | null> {
    const snap = await this.ref.doc(id).get();
    return snap.exists ? (snap.data() ?? null) : null;
  }

  async getOrThrow(id: string): Promise<z.infer<S>> {
    const found = await this.get(id);
    if (!found) throw errors.notFound(this.label, id);
    return found;
  }

  /** Creates the document; fails with a conflict if it already exists. */
  async create(model: z.input<S>): Promise<z.infer<S>> {
    const parsed = this.parse(model);
    try {
      await this.ref.doc(parsed.id as string).create(parsed);
    } catch (err) {
      if (isAlreadyExists(err)) throw errors.conflict(`${this.label} ${String(parsed.id)} already exists.`);
      throw err;
    }
    return parsed;
  }

  async set(model: z.input<S>): Promise<z.infer<S>> {
    const parsed = this.parse(model);
    await this.ref.doc(parsed.id as string).set(parsed);
    return parsed;
  }

  /** Applies a validated partial update; dotted paths and FieldValue sentinels are allowed. */
  async update(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.ref.doc(id).update(this.patch(id, patch));
  }

  /**
   * Optimistic concurrency: applies the update only if the document has not been written since
   * `lastUpdateTime`, and returns the new write time. Returns null when someone else wrote first.
   */
  async updateIfUnchanged(id: string, patch: Record<string, unknown>, lastUpdateTime: Timestamp): Promise<Timestamp | null> {
    try {
      const res = await this.ref.doc(id).update(this.patch(id, patch), { lastUpdateTime });
      return res.writeTime;
    } catch (err) {
      if (isFailedPrecondition(err)) return null;
      throw err;
    }
  }

  /** Creates the document and returns its write time, or null if it already exists. */
  async createReturningTime(model: z.input<S>): Promise<Timestamp | null> {
    const parsed = this.parse(model);
    try {
      const res = await this.ref.doc(parsed.id as string).create(parsed);
      return res.writeTime;
    } catch (err) {
      if (isAlreadyExists(err)) return null;
      throw err;
    }
  }

  updateIn(tx: Transaction, id: string, patch: Record<string, unknown>): Transaction {
    return tx.update(this.ref.doc(id), this.patch(id, patch));
  }

  parse(model: z.input<S>): z.infer<S> {
    const parsed = this.schema.safeParse(this.prepare ? this.prepare(model as Record<string, unknown>) : model);
    if (!parsed.success) throw errors.invalidDocument(`${this.path}/${String((model as { id?: unknown }).id ?? '?')}`, parsed.error);
    return parsed.data;
  }

  patch(id: string, patch: Record<string, unknown>): UpdateData<z.infer<S>> {
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id') throw new AppError('invalid_document', 'The id of a document cannot be changed.');
      if (value instanceof FieldValue) continue;
      const fieldSchema = fieldSchemaAt(this.schema, key.split('.'));
      if (!fieldSchema) {
        throw new AppError('invalid_document', `${this.path}/${id}: "${key}" is not a field of ${this.label}.`, {
          path: `${this.path}/${id}`,
          issues: [{ path: key, message: 'Unknown field' }],
        });
      }
      const parsed = fieldSchema.safeParse(value);
      if (!parsed.success) {
        throw new AppError('invalid_document', `The update to ${this.path}/${id} does not match its schema.`, {
          path: `${this.path}/${id}`,
          issues: issuesOf(parsed.error).map((i) => ({ ...i, path: i.path === '(root)' ? key : `${key}.${i.path}` })),
        });
      }
    }
    return patch as UpdateData<z.infer<S>>;
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema as z.ZodType & { unwrap?: () => z.ZodType; def: { type: string } };
  while (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(s.def.type) && s.unwrap) s = s.unwrap() as typeof s;
  return s;
}

function fieldSchemaAt(schema: z.ZodType, keys: string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of keys) {
    if (!current) return undefined;
    const inner = unwrap(current) as z.ZodType & { def: { type: string }; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
    if (inner.def.type === 'object') current = inner.shape?.[key];
    else if (inner.def.type === 'record') current = inner.valueType;
    else return undefined;
  }
  return current;
}

/** A precondition failed, or the document is gone: either way someone else wrote first. */
export function isFailedPrecondition(err: unknown): boolean {
  const code = (err as { code?: number | string })?.code;
  return code === 9 || code === 5 || code === 'failed-precondition' || code === 'not-found';
}

export function isAlreadyExists(err: unknown): boolean {
  return (err as { code?: number | string })?.code === 6 || (err as { code?: string })?.code === 'already-exists';
}
