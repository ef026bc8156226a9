import { lazy, Suspense, useCallback, useState, useSyncExternalStore } from 'react';
import { onTimeZone, timeZone } from './logic/time-zone';
import { useFilterState } from './hooks/useFilterState';
import { useStatus } from './hooks/useStatus';
import { usePush } from './hooks/usePush';
import { EMPTY_FILTER, type FilterState } from './logic/filter-state';
import { tunnelText } from './logic/setup';
import { parseOpenEventHash, type OpenRequest } from './logic/open-event';
import { INITIAL_CHOICE, type ChartChoice } from './logic/chart-choice';
import { EventsView } from './views/events/EventsView';
import { DevicesView } from './views/DevicesView';
import { RejectedView } from './views/RejectedView';
import { OverviewView, type OverviewTarget } from './views/OverviewView';
import { SetupView } from './views/SetupView';
import { DtCloudView } from './views/DtCloudView';
import { SourcesLine } from './components/SourcesLine';
import { ConnectionBanner } from './components/ConnectionBanner';

// uPlot is only loaded when the Charts tab is opened (smaller first load).
const ChartsView = lazy(() => import('./views/ChartsView').then((m) => ({ default: m.ChartsView })));

export const TABS = ['Events', 'Devices', 'Charts', 'Rejected deliveries', 'Overview', 'DT Cloud', 'Setup'] as const;
export type Tab = (typeof TABS)[number];

/** The shell: header, tab navigation and the views. Cross-view moves (device → its events) live here. */
export function App() {
  const [tab, setTab] = useState<Tab>('Events');
  const [filter, setFilter] = useFilterState();
  const [chartChoice, setChartChoice] = useState<ChartChoice>(INITIAL_CHOICE);
  const { status } = useStatus();
  // every view formats times in the chosen zone: a change re-renders them all
  const zone = useSyncExternalStore(onTimeZone, timeZone);

  const showDeviceEvents = useCallback((deviceId: string) => {
    setFilter({ ...EMPTY_FILTER, devices: [deviceId] });
    setTab('Events');
  }, [setFilter]);
  const onFilter = useCallback((f: FilterState) => setFilter(f), [setFilter]);
  const showFromOverview = useCallback((target: OverviewTarget) => {
    if ('rejected' in target) return setTab('Rejected deliveries');
    setFilter({ ...EMPTY_FILTER, ...target.events });
    setTab('Events');
  }, [setFilter]);

  // A notification was clicked: open that event's detail (the user's filter stays as it was).
  const [openRequest, setOpenRequest] = useState<OpenRequest | null>(() => {
    const eventId = parseOpenEventHash(window.location.hash);
    if (eventId) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return eventId ? { eventId, n: 0 } : null;
  });
  usePush((m) => {
    if (m.type === 'openEvent') {
      setOpenRequest((r) => ({ eventId: m.eventId, n: (r?.n ?? 0) + 1 }));
      setTab('Events');
    }
  });

  return (
    <div className="app">
      <header className="app-header">
        <h1>Connector Inbox</h1>
        <nav className="tabs" role="tablist" aria-label="Views">
          {TABS.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={`tab${tab === t ? ' active' : ''}`} onClick={() => setTab(t)}>
              {t}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        {status && <SourcesLine sources={status.sources} />}
        {status && (
          <span className={`status-pill state-${status.tunnel.state}`} title={status.receiverUrl}>
            {status.tunnel.state === 'online' ? status.tunnel.url : tunnelText(status.tunnel)}
          </span>
        )}
      </header>
      <ConnectionBanner />
      <main key={zone} className="app-main" role="tabpanel" aria-label={tab}>
        {tab === 'Events' && <EventsView filter={filter} onFilter={onFilter} openRequest={openRequest} active />}
        {tab === 'Devices' && <DevicesView onShowEvents={showDeviceEvents} />}
        {tab === 'Charts' && (
          <Suspense fallback={<p className="muted">Loading charts…</p>}>
            <ChartsView choice={chartChoice} onChoice={setChartChoice} />
          </Suspense>
        )}
        {tab === 'Rejected deliveries' && <RejectedView />}
        {tab === 'Overview' && <OverviewView onShow={showFromOverview} />}
        {tab === 'DT Cloud' && <DtCloudView />}
        {tab === 'Setup' && <SetupView />}
      </main>
    </div>
  );
}
