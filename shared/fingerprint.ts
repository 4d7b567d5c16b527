/**
 * The till's public-key fingerprint: what a CAE notes once (from a Z, a
 * payout PDF or an archive) and later hands to `verify.mjs --key`. Short
 * enough to read aloud and copy by hand, long enough (64 bits) that nobody
 * makes a second key with the same print.
 *
 * Definition (verify.mjs recomputes it with Node's crypto, so keep the two in
 * step): SHA-256 over the raw 32-byte Ed25519 public key, its first 8 bytes in
 * upper-case hex, in 4 groups of 4 separated by single spaces:
 * `3F2A 9C01 77BE 0D4E`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/;

export function keyFingerprint(publicKeyHex: string): string {
  if (!PUBLIC_KEY_HEX.test(publicKeyHex)) throw new TypeError('an Ed25519 public key is 64 lower-case hex digits');
  const hex = bytesToHex(sha256(hexToBytes(publicKeyHex)).subarray(0, 8)).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** Accepts what a person types (any case, spaces, dashes or none) and gives the canonical form, or null. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{16}$/.test(hex)) return null;
  return hex.match(/.{4}/g)!.join(' ');
}
