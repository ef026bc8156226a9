import { useState } from 'react';
import type { DtConnectorRow } from '../../../../shared/api/contract';
import { useApi } from '../../api';
import { metricsText } from '../../logic/dt-cloud';

/**
 * DT's 3 h metrics of a connector. The service refreshes only ours on its schedule, so that the
 * calls to DT do not grow with the connectors listed: another's are fetched when asked for.
 */
export function DtMetricsCell({ project, row }: { project: string; row: DtConnectorRow }) {
  const api = useApi();
  const [shown, setShown] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (row.metrics || row.type !== 'HTTP_PUSH') return <>{metricsText(row.metrics)}</>;
  if (shown) return <span className={shown.error ? 'warn-text' : undefined}>{shown.text}</span>;
  const load = async () => {
    setBusy(true);
    const r = await api.dtConnectorMetrics({ project, connectorId: row.id });
    setBusy(false);
    setShown(r.ok ? { text: metricsText(r.value) } : { text: r.error, error: true });
  };
  return <button type="button" className="btn small" disabled={busy} onClick={() => void load()}>{busy ? 'Asking DT…' : 'Show metrics'}</button>;
}
