/**
 * The tamper-evident sales journal (DOMAIN.md, "The sale and its journal").
 *
 * Hashing is synchronous (@noble/hashes) on purpose: the entry is written in
 * the same IndexedDB transaction as the sale, and awaiting WebCrypto inside a
 * transaction would let IndexedDB commit it early.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { JournalEntry, JournalType } from './schemas/journal';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: keys sorted, no whitespace, strings NFC-normalised,
 * integers only. Undefined properties are dropped (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.normalize('NFC'));
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON holds integers only, got ${String(value)}`);
      }
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k.normalize('NFC'), v] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold ${typeof value}`);
  }
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function digestOf(record: unknown): string {
  return sha256Hex(canonicalJson(record));
}

export function entryHash(entry: Omit<JournalEntry, 'hash'>): string {
  return sha256Hex(`${entry.prevHash}|${canonicalJson(entry)}`);
}

/** Builds the entry that follows `previous` (or the first one). */
export function nextEntry(
  previous: JournalEntry | undefined,
  input: { tillId: string; type: JournalType; recordId: string; at: string; record: unknown },
): JournalEntry {
  const base = {
    seq: previous ? previous.seq + 1 : 1,
    tillId: input.tillId,
    type: input.type,
    recordId: input.recordId,
    at: input.at,
    digest: digestOf(input.record),
    prevHash: previous ? previous.hash : GENESIS_HASH,
  };
  return { ...base, hash: entryHash(base) };
}

export type JournalProblem =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'hash'; seq: number }
  | { kind: 'chain'; seq: number }
  | { kind: 'digest'; seq: number; recordId: string }
  | { kind: 'missing-record'; seq: number; recordId: string }
  | { kind: 'unjournalled-record'; recordId: string };

export type JournalReport = {
  ok: boolean;
  entries: number;
  lastHash: string;
  /** The first problem found, in journal order. */
  problem?: JournalProblem;
};

/**
 * Recomputes every digest and hash in order. `records` maps record ids to the
 * records the journal covers; any record not referenced by an entry is
 * reported too (a sale slipped in without its entry).
 */
export function verifyJournal(
  entries: readonly JournalEntry[],
  records: ReadonlyMap<string, unknown>,
): JournalReport {
  let prevHash = GENESIS_HASH;
  const seen = new Set<string>();
  const fail = (problem: JournalProblem, count: number): JournalReport => ({
    ok: false,
    entries: count,
    lastHash: prevHash,
    problem,
  });
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as JournalEntry;
    const expectedSeq = i + 1;
    if (entry.seq !== expectedSeq) return fail({ kind: 'gap', seq: entry.seq, expectedSeq }, i);
    if (entry.prevHash !== prevHash) return fail({ kind: 'chain', seq: entry.seq }, i);
    const { hash, ...rest } = entry;
    if (entryHash(rest) !== hash) return fail({ kind: 'hash', seq: entry.seq }, i);
    const record = records.get(entry.recordId);
    if (record === undefined) {
      return fail({ kind: 'missing-record', seq: entry.seq, recordId: entry.recordId }, i);
    }
    if (digestOf(record) !== entry.digest) {
      return fail({ kind: 'digest', seq: entry.seq, recordId: entry.recordId }, i);
    }
    seen.add(entry.recordId);
    prevHash = hash;
  }
  for (const recordId of records.keys()) {
    if (!seen.has(recordId)) return fail({ kind: 'unjournalled-record', recordId }, entries.length);
  }
  return { ok: true, entries: entries.length, lastHash: prevHash };
}
