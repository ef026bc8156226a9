import { useEffect, useState } from 'react';
import type { DtRefreshView } from '../../../../shared/api/dt-refresh';
import { Notice } from '../../components/Notice';
import { rateLimitText, updatedText } from '../../logic/dt-refresh';

/** "updated 12 s ago", counted here each second (no call to anyone), and DT's 429 when it holds the refreshes. */
export function DtRefreshNote({ refresh }: { refresh: DtRefreshView | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  const limited = rateLimitText(refresh, now);
  return (
    <>
      <span className="muted small dt-updated" title={refresh?.updatedAt}>{updatedText(refresh, now)}</span>
      {limited && <Notice tone="warn">{limited}</Notice>}
    </>
  );
}
