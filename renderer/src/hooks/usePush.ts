import { useEffect, useRef } from 'react';
import type { PushMessage } from '../../../shared/api/contract';
import { useApi } from '../api';

/** Subscribe to pushed messages for the component's lifetime; the latest listener is always used. */
export function usePush(listener: (m: PushMessage) => void): void {
  const api = useApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.subscribe((m) => ref.current(m)), [api]);
}
