import { useSyncExternalStore } from 'react';
import { onTimeZone, setTimeZone, timeZone, zoneLabel, type TimeZoneChoice } from '../logic/time-zone';

/** How this tester reads times: one zone for every view (kept in this browser or window). */
export function DisplayForm() {
  const zone = useSyncExternalStore(onTimeZone, timeZone);
  return (
    <section className="panel">
      <h3>Display</h3>
      <label>Times in{' '}
        <select aria-label="Time zone" value={zone} onChange={(e) => setTimeZone(e.target.value as TimeZoneChoice)}>
          <option value="local">{zoneLabel(new Date(), 'local')}</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      <p className="muted small">Used by the event list, the detail, the charts and every panel. DT&apos;s own timestamps are UTC; the detail shows the original on hover.</p>
    </section>
  );
}
