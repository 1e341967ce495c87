import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c';

// Known vectors, not values computed by the function under test: the CRC catalogue's check value
// for CRC-32C, and the iSCSI test patterns of RFC 3720, appendix B.4.
describe('crc32c', () => {
  it('gives the catalogue check value for "123456789"', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('matches the RFC 3720 test patterns', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('is 0 for no data', () => {
    expect(crc32c(new Uint8Array())).toBe(0);
  });
});
