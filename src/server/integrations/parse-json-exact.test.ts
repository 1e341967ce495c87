import { describe, expect, it } from 'vitest';
import { parseJsonExact } from './parse-json-exact';

describe('parseJsonExact', () => {
  it('keeps integers beyond 2^53 exact as strings and small numbers as numbers', () => {
    const v = parseJsonExact('[{"MessageID": 19421777835146490123, "time": 1433333949, "n": 1.5, "x": 9007199254740993}]') as Array<Record<string, unknown>>;
    expect(v[0]).toEqual({ MessageID: '19421777835146490123', time: 1433333949, n: 1.5, x: '9007199254740993' });
  });
});
