/**
 * Pure Ed25519 helpers shared by the till, its backups and their checks
 * (noble curves: synchronous, same code in the renderer, the host and tests).
 * Signing itself is not here: the private key lives in the device's custody
 * (renderer/db/custody.ts, electron/keys/) and is never handed around.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

/** An asynchronous signer: the key behind it may be a non-extractable CryptoKey or sit in the host. */
export type Signer = { publicKeyHex: string; sign(bytes: Uint8Array): Promise<string> };

/** The public key of an old clear-text secret (format ≤ 2 co-op records): to journal what replaced it. */
export function legacyPublicKey(secretHex: unknown): string | null {
  if (typeof secretHex !== 'string' || !HEX64.test(secretHex)) return null;
  return bytesToHex(ed25519.getPublicKey(hexToBytes(secretHex)));
}

/** True when `signatureHex` is `publicKeyHex`'s Ed25519 signature of `message` (never throws). */
export function verifySignature(publicKeyHex: string, signatureHex: string, message: Uint8Array | string): boolean {
  if (!HEX64.test(publicKeyHex) || !HEX128.test(signatureHex)) return false;
  try {
    return ed25519.verify(hexToBytes(signatureHex), typeof message === 'string' ? utf8ToBytes(message) : message, hexToBytes(publicKeyHex));
  } catch {
    return false;
  }
}
