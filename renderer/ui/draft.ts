/**
 * A form's draft, text exactly as typed, and how many times the person tried
 * to save it: problems show next to the fields only after a first try, and
 * a successful save starts counting again.
 */
import { useCallback, useState } from 'react';

export function useDraft<D extends object>(initial: D | (() => D), onEdit?: () => void) {
  const [draft, setDraft] = useState<D>(initial);
  const [attempt, setAttempt] = useState(0);
  const update = (patch: Partial<D>) => {
    setDraft((d) => ({ ...d, ...patch }));
    onEdit?.();
  };
  const markTried = useCallback(() => setAttempt((n) => n + 1), []);
  /** After a save: keep what is useful for the next entry, clear the rest, no problems shown. */
  const saved = (patch: Partial<D>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setAttempt(0);
  };
  return { draft, setDraft, update, attempt, tried: attempt > 0, markTried, saved };
}
