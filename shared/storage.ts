/**
 * When the device's storage for the till's data runs short: IndexedDB writes
 * start failing (a sale refused at the stall) long before the disk is full,
 * because the browser grants each site a share of the disk. The figures come
 * from `navigator.storage.estimate()`; the rule is pure so it is tested apart.
 */

/** Warn below 10 % of the quota free… */
export const LOW_FREE_SHARE_BP = 1000;
/** …or below 200 MB free, whichever comes first. */
export const LOW_FREE_BYTES = 200 * 1024 * 1024;

export type StorageFigures = {
  usage: number;
  quota: number;
  free: number;
  /** Free share of the quota, in basis points (10 000 = all of it). */
  freeBp: number;
  low: boolean;
};

/** The figures of an estimate, or null when the browser gave no usable quota. */
export function storageFigures(estimate: { usage?: number | undefined; quota?: number | undefined }): StorageFigures | null {
  const { usage = 0, quota } = estimate;
  if (quota === undefined || !Number.isFinite(quota) || quota <= 0 || !Number.isFinite(usage) || usage < 0) return null;
  const free = Math.max(0, quota - usage);
  const freeBp = Math.floor((free * 10000) / quota);
  return { usage, quota, free, freeBp, low: freeBp < LOW_FREE_SHARE_BP || free < LOW_FREE_BYTES };
}

/** Whole megabytes (MiB, as the browser counts), rounded down: what the screens show. */
export function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}
