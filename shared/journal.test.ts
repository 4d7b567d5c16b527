import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf, entryHash, GENESIS_HASH, nextEntry, sha256Hex, verifyJournal } from './journal';
import type { JournalEntry } from './schemas/journal';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":true}]},"b":1}',
    );
  });
  it('normalises strings to NFC so the same text always hashes the same', () => {
    const decomposed = 'Le\u0308i\u0308la'; // ë, ï written as letter + combining diaeresis
    expect(canonicalJson({ name: decomposed })).toBe(canonicalJson({ name: 'Lëïla' }));
  });
  it('refuses floats: amounts are integers in cents', () => {
    expect(() => canonicalJson({ amount: 12.5 })).toThrow(/integers only/);
  });
});

describe('hash chain', () => {
  it('uses SHA-256 hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  const records = new Map<string, unknown>([
    ['s1', { id: 's1', total: 4200 }],
    ['s2', { id: 's2', total: -4200 }],
    ['s3', { id: 's3', total: 750 }],
  ]);
  function chain(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (const [id, record] of records) {
      out.push(nextEntry(out.at(-1), { tillId: 't1', type: 'sale', recordId: id, at: '2026-12-05T15:30:00.000Z', record }));
    }
    return out;
  }

  it('chains each entry on the previous hash, the first on 64 zeros', () => {
    const entries = chain();
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    const { hash, ...rest } = entries[2] as JournalEntry;
    expect(hash).toBe(sha256Hex(`${rest.prevHash}|${canonicalJson(rest)}`));
    expect(entryHash(rest)).toBe(hash);
    expect(entries[2]?.digest).toBe(digestOf({ total: 750, id: 's3' }));
    expect(verifyJournal(entries, records)).toEqual({ ok: true, entries: 3, lastHash: entries[2]?.hash });
  });

  it('reports an edited entry, a record without entry and an entry without record', () => {
    const edited = chain();
    edited[1] = { ...(edited[1] as JournalEntry), at: '2026-12-05T15:31:00.000Z' };
    expect(verifyJournal(edited, records).problem).toEqual({ kind: 'hash', seq: 2 });

    const short = chain().slice(0, 2);
    expect(verifyJournal(short, records).problem).toEqual({ kind: 'unjournalled-record', recordId: 's3' });

    const fewer = new Map(records);
    fewer.delete('s2');
    expect(verifyJournal(chain(), fewer).problem).toEqual({ kind: 'missing-record', seq: 2, recordId: 's2' });
  });

  it('detects the deletion of a middle entry even with hashes rewritten after it', () => {
    const entries = chain();
    const forged = [entries[0] as JournalEntry, { ...(entries[2] as JournalEntry), seq: 2 }];
    expect(verifyJournal(forged, new Map([...records].filter(([k]) => k !== 's2'))).problem).toEqual({ kind: 'chain', seq: 2 });
  });
});
