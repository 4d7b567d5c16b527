/**
 * One-tap answers to a till's gentle questions, kept on this device only:
 * "no cash float today" is not a cash movement (a float of 0 € is refused
 * by the journal's schema), just a wish not to be asked again that day.
 */
const key = (tillId: string, day: string) => `etal:no-fund:${tillId}:${day}`;

export function fundSkipped(tillId: string, day: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key(tillId, day)) === '1';
  } catch {
    return false;
  }
}

export function skipFund(tillId: string, day: string): void {
  try {
    globalThis.localStorage?.setItem(key(tillId, day), '1');
  } catch {
    // Private mode or full storage: the question comes back, nothing worse.
  }
}
