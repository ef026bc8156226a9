import type { CaptureInfo } from '../../../shared/api/contract';
import { formatCount, formatInstant } from '../logic/format';

/** Why the tabs and controls that change the inbox are not here: one line for all of them. */
export const CAPTURE_REASON = 'A capture has no receiver, tunnel, forwarding or DT Cloud, and changes nothing: Replay sends its events to your receiver.';

/**
 * `connector-inbox open FILE`: says that this inspector shows an export, read-only, which file,
 * when it was exported and what the file does not say (shown as unknown in the views).
 */
export function CaptureBanner({ capture }: { capture: CaptureInfo }) {
  return (
    <section className="capture-banner" aria-label="Capture">
      <strong>Read-only capture: {capture.file}</strong>
      {' · '}
      <span>{formatCount(capture.events)} {capture.events === 1 ? 'event' : 'events'}, exported {capture.exportedAt ? formatInstant(capture.exportedAt) : 'at an unknown time'}</span>
      <div className="muted">{CAPTURE_REASON}</div>
      {capture.missing.length > 0 && (
        <div className="capture-unknown">Unknown (not in the file): {capture.missing.join('; ')}</div>
      )}
    </section>
  );
}
