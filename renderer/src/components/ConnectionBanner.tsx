import { useConnection } from '../api';

/**
 * Says when this tab has lost the inbox that opened it (browser mode), instead of leaving the
 * views on "unauthorized" and "Loading…". What is on screen stays: it is what the tab last saw.
 */
export function ConnectionBanner() {
  const connection = useConnection();
  if (connection === 'ok') return null;
  if (connection === 'restarted') {
    return (
      <div className="connection-banner error" role="alert">
        <strong>The inbox restarted, so this tab's session has ended.</strong>{' '}
        Open the link the new run printed (<code>serve --ui</code> opens a tab of its own); this tab cannot
        reconnect, its token was for the earlier run. What you see here is from before the restart.
      </div>
    );
  }
  return (
    <div className="connection-banner warn" role="alert">
      <strong>The inbox is not answering: it has stopped or is restarting.</strong>{' '}
      Start it again with <code>npx connector-inbox serve --ui</code> and use the tab it opens. What you see
      here is from before it stopped.
    </div>
  );
}
