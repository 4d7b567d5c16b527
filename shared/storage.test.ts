import { describe, expect, it } from 'vitest';
import { LOW_FREE_BYTES, megabytes, storageFigures } from './storage';

const MB = 1024 * 1024;

describe('storage running short', () => {
  it('warns below 10 % free of a big quota, and below 200 MB free of any quota', () => {
    // 10 GB quota, 9,5 GB used: 512 MB free is only 5 %.
    expect(storageFigures({ usage: 9.5 * 1024 * MB, quota: 10 * 1024 * MB })).toMatchObject({ free: 512 * MB, freeBp: 500, low: true });
    // 10 GB quota, 8 GB used: 20 % free, 2 GB: fine.
    expect(storageFigures({ usage: 8 * 1024 * MB, quota: 10 * 1024 * MB })?.low).toBe(false);
    // 1 GB quota, 850 MB used: 15 % free but only 174 MB.
    expect(storageFigures({ usage: 850 * MB, quota: 1024 * MB })).toMatchObject({ freeBp: 1699, low: true });
    expect(storageFigures({ usage: 0, quota: LOW_FREE_BYTES })?.low).toBe(false);
    expect(storageFigures({ usage: 1, quota: LOW_FREE_BYTES })?.low).toBe(true);
  });

  it('gives no figures when the browser reports no quota, and never a negative free space', () => {
    expect(storageFigures({})).toBeNull();
    expect(storageFigures({ usage: 10, quota: 0 })).toBeNull();
    expect(storageFigures({ usage: 2000 * MB, quota: 1000 * MB })).toMatchObject({ free: 0, freeBp: 0, low: true });
    expect(megabytes(512 * MB + 1)).toBe(512);
  });
});
