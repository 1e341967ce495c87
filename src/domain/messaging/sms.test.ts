import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms';

describe('smsSegments', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('x'.repeat(160))).toEqual({ count: 1, encoding: 'GSM-7', characters: 160 });
    expect(smsSegments('x'.repeat(161)).count).toBe(2);
    expect(smsSegments('Hi 😀').encoding).toBe('UCS-2');
    expect(smsSegments('é'.repeat(71)).encoding).toBe('GSM-7');
    expect(smsSegments('’'.repeat(71)).count).toBe(2);
  });
});
