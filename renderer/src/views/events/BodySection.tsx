import { useState } from 'react';
import type { EventDetail } from '../../../../shared/records';
import { useStatus } from '../../hooks/useStatus';
import { prettyBody } from '../../logic/detail';
import { curlCommand } from '../../logic/dt-token';
import { builtBodyNote } from '../../logic/sources';
import { hasBom } from '../../../../shared/dt/body-text';
import { CopyButton } from '../../components/CopyButton';

/**
 * The body two ways: Pretty (parsed and indented, for reading) and Raw (the bytes as received,
 * which is what the signature covers and what to copy when a checksum matters), plus the request
 * as a curl command aimed at this inbox's receiver, to send it again from a terminal.
 */
export function BodySection({ e }: { e: EventDetail }) {
  const [view, setView] = useState<'pretty' | 'raw'>('pretty');
  const { status } = useStatus();
  const built = builtBodyNote(e.source);
  const pretty = prettyBody(e);
  const last = e.deliveryLog[e.deliveryLog.length - 1];
  const curl = status?.receiverUrl && !built
    ? curlCommand(new URL(last?.path || '/', status.receiverUrl).href, last?.headers ?? {}, e.raw)
    : null;
  return (
    <section>
      <div className="row-gap">
        <h3>Body</h3>
        {built && <span className="badge built">built</span>}
        <span className="segmented" role="group" aria-label="Body view">
          <button type="button" className={`btn small${view === 'pretty' ? ' active' : ''}`} aria-pressed={view === 'pretty'} onClick={() => setView('pretty')}>Pretty</button>
          <button type="button" className={`btn small${view === 'raw' ? ' active' : ''}`} aria-pressed={view === 'raw'} onClick={() => setView('raw')}>Raw</button>
        </span>
        {view === 'pretty' ? <CopyButton text={pretty} label="Copy JSON" /> : <CopyButton text={e.raw} label="Copy raw" />}
        {curl && <CopyButton text={curl} label="Copy as curl" />}
      </div>
      {built && <p className="built-note" role="note">{built}</p>}
      {/* Pretty cannot show it; Raw, the stored, forwarded and exported bytes keep it */}
      {hasBom(e.raw) && <p className="muted small" role="note">The body starts with a UTF-8 byte-order mark (BOM).</p>}
      {view === 'raw' && <p className="muted small">{new TextEncoder().encode(e.raw).length} bytes exactly as received{built ? ' (built by the inbox)' : ''}.</p>}
      <pre className={`json${view === 'raw' ? ' raw' : ''}`} aria-label={view === 'raw' ? 'Raw body' : 'Event body'}>{view === 'pretty' ? pretty : e.raw}</pre>
    </section>
  );
}
