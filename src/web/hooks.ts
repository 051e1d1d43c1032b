import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`: a check asked for after typing pauses, not per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * State kept in the tab's session storage under `key`, so a reload or a link followed in the
 * same tab does not lose what was typed; `null` clears it. Storage that is full or switched
 * off only means the state is not kept.
 */
export function useSessionState<T>(key: string, initial: () => T): [T, (value: T | null) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const kept = window.sessionStorage.getItem(key);
      return kept ? (JSON.parse(kept) as T) : initial();
    } catch {
      return initial();
    }
  });
  const set = (next: T | null) => {
    try {
      if (next === null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Not kept: the page still works with what is in memory.
    }
    setValue(next ?? initial());
  };
  return [value, set];
}
