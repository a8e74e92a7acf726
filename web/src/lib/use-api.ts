import { useCallback, useEffect, useState } from 'react';
import { api } from './api.js';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally after a command answered with the new state. */
  setData: (data: T) => void;
}

/** GETs `path` (re-fetching when it changes); `null` skips the call. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    setError(undefined);
    api<T>('GET', path)
      .then((result) => current && setData(result))
      .catch(
        (failure: unknown) =>
          current && setError(failure instanceof Error ? failure : new Error(String(failure))),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [path, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}
