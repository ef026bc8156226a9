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
import { CaptureBanner, CAPTURE_REASON } from './components/CaptureBanner';

// uPlot is only loaded when the Charts tab is opened (smaller first load).
const ChartsView = lazy(() => import('./views/ChartsView').then((m) => ({ default: m.ChartsView })));

export const TABS = ['Events', 'Devices', 'Charts', 'Rejected deliveries', 'Overview', 'DT Cloud', 'Setup'] as const;
export type Tab = (typeof TABS)[number];
/** A capture (connector-inbox open) keeps no rejected log and has no DT Cloud or Setup to change: the banner says why. */
const CAPTURE_TABS: readonly Tab[] = ['Events', 'Devices', 'Charts', 'Overview'];

/** The shell: header, tab navigation and the views. Cross-view moves (device → its events) live here. */
export function App() {
  const [tab, setTab] = useState<Tab>('Events');
  const [filter, setFilter] = useFilterState();
  const [chartChoice, setChartChoice] = useState<ChartChoice>(INITIAL_CHOICE);
  const { status } = useStatus();
  const capture = status?.capture;
  const tabs = capture ? CAPTURE_TABS : TABS;
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
          {tabs.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={`tab${tab === t ? ' active' : ''}`} onClick={() => setTab(t)}>
              {t}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        {status && !capture && <SourcesLine sources={status.sources} />}
        {capture && <span className="status-pill" title={CAPTURE_REASON}>read-only capture</span>}
        {status && !capture && (
          <span className={`status-pill state-${status.tunnel.state}`} title={status.receiverUrl}>
            {status.tunnel.state === 'online' ? status.tunnel.url : tunnelText(status.tunnel)}
          </span>
        )}
      </header>
      <ConnectionBanner />
      {capture && <CaptureBanner capture={capture} />}
      <main key={zone} className="app-main" role="tabpanel" aria-label={tab}>
        {tab === 'Events' && <EventsView filter={filter} onFilter={onFilter} openRequest={openRequest} active />}
        {tab === 'Devices' && <DevicesView onShowEvents={showDeviceEvents} />}
        {tab === 'Charts' && (
          <Suspense fallback={<p className="muted">Loading charts…</p>}>
            <ChartsView choice={chartChoice} onChoice={setChartChoice} />
          </Suspense>
        )}
        {tab === 'Rejected deliveries' && !capture && <RejectedView />}
        {tab === 'Overview' && <OverviewView onShow={showFromOverview} />}
        {tab === 'DT Cloud' && !capture && <DtCloudView />}
        {tab === 'Setup' && !capture && <SetupView />}
      </main>
    </div>
  );
}
