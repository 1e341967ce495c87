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

  describe('index merging', () => {
    const idx = (eq: { fieldPath: string; arrayConfig?: 'CONTAINS' }, sort: { fieldPath: string; order: 'ASCENDING' | 'DESCENDING' }) => ({
      collectionGroup: 'customers',
      queryScope: 'COLLECTION' as const,
      fields: [eq.arrayConfig ? eq : { ...eq, order: 'ASCENDING' as const }, sort],
    });
    const recent = { fieldPath: 'lastOrderAt', order: 'DESCENDING' as const };
    const merged: IndexesFile = {
      indexes: [
        idx({ fieldPath: 'segment' }, recent),
        idx({ fieldPath: 'homeLocationId' }, recent),
        idx({ fieldPath: 'searchKeys', arrayConfig: 'CONTAINS' }, recent),
      ],
    };
    const q = (filters: QueryShape['filters'], direction: 'ASCENDING' | 'DESCENDING' = 'DESCENDING') =>
      shape({ collectionGroup: 'customers', filters, orders: [{ field: 'lastOrderAt', direction }] });

    it('serves several equality filters (array-contains too) from indexes that share the order', () => {
      expect(
        missingIndex(
          q([
            { field: 'segment', op: 'EQUAL' },
            { field: 'homeLocationId', op: 'EQUAL' },
          ]),
          merged,
        ),
      ).toBeNull();
      expect(
        missingIndex(
          q([
            { field: 'segment', op: 'EQUAL' },
            { field: 'searchKeys', op: 'ARRAY_CONTAINS' },
          ]),
          merged,
        ),
      ).toBeNull();
      expect(
        missingIndex(
          q(
            [
              { field: 'segment', op: 'EQUAL' },
              { field: 'homeLocationId', op: 'EQUAL' },
            ],
            'ASCENDING',
          ),
          merged,
        ),
      ).toBeNull();
    });

    it('refuses a merge when one equality field has no index with that order', () => {
      expect(
        missingIndex(
          q([
            { field: 'segment', op: 'EQUAL' },
            { field: 'tags', op: 'ARRAY_CONTAINS' },
          ]),
          merged,
        )?.kind,
      ).toBe('composite');
      const byName = shape({
        collectionGroup: 'customers',
        filters: [
          { field: 'segment', op: 'EQUAL' },
          { field: 'homeLocationId', op: 'EQUAL' },
        ],
        orders: [{ field: 'searchName', direction: 'ASCENDING' }],
      });
      expect(missingIndex(byName, merged)?.kind).toBe('composite');
    });

    it('does not merge around a range filter: that needs its exact index', () => {
      const ranged = q([
        { field: 'segment', op: 'EQUAL' },
        { field: 'homeLocationId', op: 'EQUAL' },
        { field: 'lastOrderAt', op: 'GREATER_THAN_OR_EQUAL' },
      ]);
      expect(missingIndex(ranged, merged)?.kind).toBe('composite');
      expect(
        missingIndex(
          q([
            { field: 'segment', op: 'EQUAL' },
            { field: 'lastOrderAt', op: 'GREATER_THAN_OR_EQUAL' },
          ]),
          merged,
        ),
      ).toBeNull();
    });
  });
});
