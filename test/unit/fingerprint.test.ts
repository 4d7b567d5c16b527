import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { keyFingerprint, normaliseFingerprint } from '../../shared/fingerprint';

describe('keyFingerprint', () => {
  const key = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

  it('is the first 8 bytes of SHA-256 over the raw key, in 4 groups of 4 upper-case hex digits', () => {
    const expected = createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex').slice(0, 16).toUpperCase();
    const print = keyFingerprint(key);
    expect(print).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(print.replace(/ /g, '')).toBe(expected);
  });

  it('differs when one bit of the key differs', () => {
    expect(keyFingerprint(key)).not.toBe(keyFingerprint(key.slice(0, -1) + 'b'));
  });

  it('refuses what is not a public key', () => {
    expect(() => keyFingerprint('xyz')).toThrow();
  });

  it('reads a fingerprint typed by hand in any case and spacing', () => {
    const print = keyFingerprint(key);
    expect(normaliseFingerprint(print.toLowerCase().replace(/ /g, '-'))).toBe(print);
    expect(normaliseFingerprint(print.replace(/ /g, ''))).toBe(print);
    expect(normaliseFingerprint('12 34')).toBeNull();
  });
});
