/**
 * Watches the browser's storage for the till's data: measured once the till
 * is up and again after each Z (the moments data grows by a day), never on a
 * sale. Screens read the latest figures with useStorageStatus().
 */
import { useSyncExternalStore } from 'react';
import { storageFigures, type StorageFigures } from '../../shared/storage';

export type StorageStatus = {
  figures: StorageFigures | null;
  /** Whether the browser promised not to evict the data (navigator.storage.persisted()); null when it cannot say. */
  persisted: boolean | null;
};

let current: StorageStatus | null = null;
const listeners = new Set<() => void>();

/** Reads the estimate and the persistence flag and tells the screens; a browser without the API gives no figures. */
export async function checkStorage(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage as Partial<StorageManager> | undefined;
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.persisted?.().catch(() => null) ?? null,
  ]);
  current = { figures: estimate ? storageFigures(estimate) : null, persisted };
  for (const listener of listeners) listener();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest storage figures (null until the first check has answered). */
export function useStorageStatus(): StorageStatus | null {
  return useSyncExternalStore(subscribe, () => current);
}

/** Asks the browser to keep the data under storage pressure (it may refuse), then measures again. */
export async function askPersistence(): Promise<StorageStatus> {
  await (globalThis.navigator?.storage as Partial<StorageManager> | undefined)?.persist?.().catch(() => false);
  return checkStorage();
}
