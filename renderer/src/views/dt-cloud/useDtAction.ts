import { useState } from 'react';
import type { Result } from '../../../../shared/api/contract';

/** One DT action at a time: busy while it runs, its error (or a short success note) after, then `after()`. */
export function useDtAction(after: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const run = async <T,>(label: string, fn: () => Promise<Result<T>>, done?: (v: T) => string | undefined): Promise<T | undefined> => {
    setBusy(label);
    setMsg(null);
    try {
      const r = await fn();
      if (!r.ok) {
        setMsg({ tone: 'error', text: r.error });
        return undefined;
      }
      const note = done?.(r.value);
      if (note) setMsg({ tone: 'info', text: note });
      return r.value;
    } finally {
      setBusy(null);
      after();
    }
  };
  return { busy, msg, run };
}
