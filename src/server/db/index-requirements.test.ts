import { describe, expect, it } from 'vitest';
import { missingIndex, requiredIndex, type IndexesFile, type QueryShape } from './index-requirements';

const shape = (s: Partial<QueryShape>): QueryShape => ({ collectionGroup: 'orders', scope: 'COLLECTION', filters: [], orders: [], ...s });
const file: IndexesFile = {
  indexes: [
    {
      collectionGroup: 'orders',
      queryScope: 'COLLECTION',
      fields: [
        { fieldPath: 'customerId', order: 'ASCENDING' },
        { fieldPath: 'placedAt', order: 'DESCENDING' },
      ],
    },
    {
      collectionGroup: 'runs',
      queryScope: 'COLLECTION',
      fields: [
        { fieldPath: 'status', order: 'ASCENDING' },
        { fieldPath: 'tags', arrayConfig: 'CONTAINS' },
        { fieldPath: 'resumeAt', order: 'ASCENDING' },
      ],
    },
  ],
  fieldOverrides: [{ collectionGroup: 'endpoints', fieldPath: 'id', indexes: [{ queryScope: 'COLLECTION_GROUP', order: 'ASCENDING' }] }],
};

describe('requiredIndex', () => {
  it('needs nothing for equality-only or single-field queries on a collection', () => {
    expect(
      requiredIndex(
        shape({
          filters: [
            { field: 'a', op: 'EQUAL' },
            { field: 'b', op: 'EQUAL' },
          ],
        }),
      ).kind,
    ).toBe('none');
    expect(requiredIndex(shape({ orders: [{ field: 'placedAt', direction: 'DESCENDING' }] })).kind).toBe('none');
    expect(
      requiredIndex(
        shape({
          filters: [
            { field: 'placedAt', op: 'GREATER_THAN_OR_EQUAL' },
            { field: 'placedAt', op: 'LESS_THAN' },
          ],
        }),
      ).kind,
    ).toBe('none');
  });

  it('needs a composite index for equality plus a sort on another field', () => {
    const req = requiredIndex(shape({ filters: [{ field: 'customerId', op: 'EQUAL' }], orders: [{ field: 'placedAt', direction: 'DESCENDING' }] }));
    expect(req).toEqual({
      kind: 'composite',
      index: {
        collectionGroup: 'orders',
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'customerId', order: 'ASCENDING' },
          { fieldPath: 'placedAt', order: 'DESCENDING' },
        ],
      },
    });
  });

  it('orders inequality fields implicitly after explicit sorts', () => {
    const req = requiredIndex(
      shape({
        filters: [
          { field: 'status', op: 'EQUAL' },
          { field: 'resumeAt', op: 'LESS_THAN_OR_EQUAL' },
        ],
      }),
    );
    expect(req.kind === 'composite' && req.index.fields.map((f) => f.fieldPath)).toEqual(['status', 'resumeAt']);
  });

  it('needs a collection-group field override for a single-field collection-group query', () => {
    expect(requiredIndex(shape({ collectionGroup: 'endpoints', scope: 'COLLECTION_GROUP', filters: [{ field: 'id', op: 'EQUAL' }] })).kind).toBe(
      'single-field',
    );
  });
});

describe('missingIndex', () => {
  it('accepts a declared index and its exact reverse', () => {
    const q = shape({ filters: [{ field: 'customerId', op: 'EQUAL' }], orders: [{ field: 'placedAt', direction: 'DESCENDING' }] });
    expect(missingIndex(q, file)).toBeNull();
    expect(missingIndex({ ...q, orders: [{ field: 'placedAt', direction: 'ASCENDING' }] }, file)).toBeNull();
  });

  it('reports an undeclared composite index', () => {
    const q = shape({ filters: [{ field: 'locationId', op: 'EQUAL' }], orders: [{ field: 'placedAt', direction: 'DESCENDING' }] });
    expect(missingIndex(q, file)?.kind).toBe('composite');
  });

  it('takes equality fields in any order and respects array-contains', () => {
    const q = shape({
      collectionGroup: 'runs',
      filters: [
        { field: 'tags', op: 'ARRAY_CONTAINS' },
        { field: 'status', op: 'EQUAL' },
      ],
      orders: [{ field: 'resumeAt', direction: 'ASCENDING' }],
    });
    expect(missingIndex(q, file)).toBeNull();
    const wrong = shape({
      collectionGroup: 'runs',
      filters: [
        { field: 'tags', op: 'EQUAL' },
        { field: 'status', op: 'EQUAL' },
      ],
      orders: [{ field: 'resumeAt', direction: 'ASCENDING' }],
    });
    expect(missingIndex(wrong, file)?.kind).toBe('composite');
  });

  it('checks collection-group field overrides', () => {
    expect(missingIndex(shape({ collectionGroup: 'endpoints', scope: 'COLLECTION_GROUP', filters: [{ field: 'id', op: 'EQUAL' }] }), file)).toBeNull();
    expect(missingIndex(shape({ collectionGroup: 'deliveries', scope: 'COLLECTION_GROUP', filters: [{ field: 'id', op: 'EQUAL' }] }), file)?.kind).toBe(
      'single-field',
    );
  });
});
