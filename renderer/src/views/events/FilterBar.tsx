import { useEffect, useRef, useState, type RefObject } from 'react';
import { OUT_OF_ORDER } from '../../logic/terms';
import { useDismissDropdowns } from '../../hooks/useDismissDropdowns';
import type { DeviceState } from '../../../../shared/records';
import {
  activeFilterCount, EMPTY_FILTER, parseLabelList, RANGE_LABELS, RANGES, toggle, type FilterState, type RangeKey,
} from '../../logic/filter-state';

interface Props {
  filter: FilterState;
  onChange: (f: FilterState) => void;
  types: string[];
  devices: DeviceState[];
  searchRef: RefObject<HTMLInputElement | null>;
}

const SEARCH_HELP = [
  'Words: searched in the event id, device, labels, type and value.',
  'Terms (ANDed): type:touch, device:fridge, label:room=kitchen or label:room, project:…, eventId:…',
  'Values as listed: temperature>20, humidity>=60, co2>1000, value<5 (> >= < <= =).',
].join('\n');

type FlagKey = 'duplicatesOnly' | 'staleOnly' | 'unverifiedOnly' | 'warningsOnly';
const FLAGS: Array<[FlagKey, string]> = [
  ['duplicatesOnly', 'Duplicates'], ['staleOnly', OUT_OF_ORDER.label], ['unverifiedOnly', 'Unverified'], ['warningsOnly', 'Warnings'],
];

/** datetime-local wants local "YYYY-MM-DDTHH:MM"; the filter keeps ISO UTC. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : '');

export function FilterBar({ filter, onChange, types, devices, searchRef }: Props) {
  const set = (patch: Partial<FilterState>) => onChange({ ...filter, ...patch });
  const [labelText, setLabelText] = useState(filter.labels.join(', '));
  useEffect(() => setLabelText(filter.labels.join(', ')), [filter.labels]);
  const allTypes = [...new Set([...types, ...filter.types])].sort();
  const active = activeFilterCount(filter);
  const bar = useRef<HTMLDivElement>(null);
  useDismissDropdowns(bar);

  return (
    <div className="filter-bar" role="search" ref={bar}>
      <input
        ref={searchRef}
        type="search"
        className="search"
        placeholder="Search, device:…, temperature>20  ( / )"
        title={SEARCH_HELP}
        aria-label="Search events"
        value={filter.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      <details className="dropdown">
        <summary>Types{filter.types.length ? ` (${filter.types.length})` : ''}</summary>
        <div className="dropdown-body" role="group" aria-label="Event types">
          {allTypes.length === 0 && <p className="muted">No events yet.</p>}
          {allTypes.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked={filter.types.includes(t)} onChange={() => set({ types: toggle(filter.types, t) })} />
              {t}
            </label>
          ))}
        </div>
      </details>
      <details className="dropdown">
        <summary>Devices{filter.devices.length ? ` (${filter.devices.length})` : ''}</summary>
        <div className="dropdown-body" role="group" aria-label="Devices">
          {devices.length === 0 && <p className="muted">No devices yet.</p>}
          {devices.map((d) => (
            <label key={d.deviceId} className="check">
              <input type="checkbox" checked={filter.devices.includes(d.deviceId)} onChange={() => set({ devices: toggle(filter.devices, d.deviceId) })} />
              <span>{d.name}</span>
              {d.name !== d.deviceId && <span className="muted mono small">{d.deviceId}</span>}
            </label>
          ))}
        </div>
      </details>
      <input
        className="labels"
        placeholder="Labels: room=kitchen, name"
        aria-label="Label filter"
        value={labelText}
        onChange={(e) => setLabelText(e.target.value)}
        onBlur={() => set({ labels: parseLabelList(labelText) })}
        onKeyDown={(e) => e.key === 'Enter' && set({ labels: parseLabelList(labelText) })}
      />
      <select aria-label="Time range" value={filter.range} onChange={(e) => set({ range: e.target.value as RangeKey })}>
        {RANGES.map((r) => <option key={r} value={r}>{RANGE_LABELS[r]}</option>)}
      </select>
      {filter.range === 'custom' && (
        <span className="custom-range">
          <input type="datetime-local" aria-label="From" value={toLocalInput(filter.since)} onChange={(e) => set({ since: fromLocalInput(e.target.value) })} />
          <span className="muted">–</span>
          <input type="datetime-local" aria-label="Until" value={toLocalInput(filter.until)} onChange={(e) => set({ until: fromLocalInput(e.target.value) })} />
        </span>
      )}
      <span className="toggles" role="group" aria-label="Only show">
        {FLAGS.map(([key, label]) => (
          <label key={key} className={`toggle ${filter[key] ? 'on' : ''}`} title={key === 'staleOnly' ? OUT_OF_ORDER.title : undefined}>
            <input type="checkbox" checked={filter[key]} onChange={(e) => set({ [key]: e.target.checked })} />
            {label}
          </label>
        ))}
      </span>
      {active > 0 && (
        <button type="button" className="btn link" onClick={() => onChange({ ...EMPTY_FILTER })}>
          Clear {active} filter{active > 1 ? 's' : ''}
        </button>
      )}
    </div>
  );
}
