/**
 * Composition root of the desktop app. Order: one instance → ready → log → settings →
 * tunnel + inbox service → IPC → tray + notifications → window on demand. Quitting stops the
 * tunnel and flushes the store within a deadline. Each concern lives in electron/shell/.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, Notification, safeStorage, session, shell, Tray } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCT_NAME } from './core/app-paths';
import { createInboxService, type InboxService } from './core/inbox-service';
import type { InboxApi } from '../shared/api/contract';
import { createTunnel } from './core/tunnel';
import { appPageGuard, createPusher, registerIpc } from './shell/ipc';
import { wordForDesktop } from './shell/errors';
import { openLog } from './shell/log';
import { NotificationPolicy } from './shell/notification-policy';
import { createNotifier } from './shell/notifications';
import { applySavedForwarding, withPersistence } from './shell/persisted-api';
import { openSettings } from './shell/settings';
import { createTrayController } from './shell/tray';
import { trayIconFile } from './shell/tray-icons';
import { createWindowManager, hardenSession } from './shell/window';
import { createDesktopDt, reenable, wireDtAlerts, withDtCredentials } from './shell/dt-desktop';
import { desktopUrls, withPublicUrl } from './shell/public-url';
import { createCaptureWindows } from './shell/capture-windows';
import { appMenuTemplate } from './shell/app-menu';
import { serveCapture } from './core/capture/serve';

const QUIT_DEADLINE_MS = 5_000;
const distDir = dirname(fileURLToPath(import.meta.url));
const indexHtml = join(distDir, 'renderer', 'index.html');

// The same folder as the CLI's default (`<app data>/Connector Inbox`), in development too,
// where Electron would otherwise name it after package.json's "name".
app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));

if (!app.requestSingleInstanceLock()) {
  app.quit(); // the first instance gets 'second-instance' and shows its window
} else {
  app.whenReady().then(start, (e: Error) => {
    dialog.showErrorBox('Connector Inbox could not start', e.message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const log = openLog(app.getPath('logs'));
  const settings = await openSettings({ dir: app.getPath('userData'), safeStorage });
  settings.warnings.forEach((w) => log.logger.warn(w));
  const prefs = settings.get();
  hardenSession(session.defaultSession);

  const tunnel = createTunnel({ port: prefs.receiverPort, authtoken: settings.authtoken(), domain: prefs.tunnelDomain, log: log.line });
  // Built before the service (which answers the DT Cloud view with it); the secret setter is bound once the api exists.
  let persisted: InboxApi | undefined;
  // the connector follows the public URL saved in Setup, else the tunnel's
  const urls = desktopUrls(settings, () => tunnel);
  const dt = createDesktopDt({ settings, tunnel, urls, log: log.line, setSecrets: (s) => persisted!.setSecrets(s) });
  let service: InboxService;
  try {
    service = await createInboxService({
      dataDir: join(app.getPath('userData'), 'data'), port: prefs.receiverPort, secrets: settings.secrets(),
      maxEvents: prefs.retention.maxEvents, tunnel, mode: 'desktop', dtCloud: dt,
      // the saved choice of Setup: DT's event stream for the saved project, no tunnel needed
      stream: prefs.receiveMode === 'stream' && prefs.dt.project ? { project: prefs.dt.project } : undefined,
      receiveMode: {
        async choose(mode) {
          await settings.update({ receiveMode: mode });
          // the stream needs no tunnel: stopped, the connector is disabled after the follower's grace
          if (mode === 'stream') await tunnel.stop();
          else if (settings.authtoken()) void tunnel.start();
        },
      },
    });
  } catch (e) {
    dialog.showErrorBox('Connector Inbox could not start the receiver', `${wordForDesktop(e, { settingsPath: settings.path })}\n\nSee ${log.path}`);
    await log.flush();
    app.exit(1);
    return;
  }
  // in stream mode the stream follows the project chosen in the DT Cloud view
  dt.onStatus((s) => {
    const c = service.sources.streamChoice();
    if (c && c.project !== s.project) void service.sources.setStream({ project: s.project });
  });
  const policy = new NotificationPolicy(prefs.notifications);
  persisted = withPersistence(service.api, settings, (p) => policy.setPrefs(p));
  const api = withPublicUrl(withDtCredentials(persisted, settings, dt), settings, urls);
  const forwardProblem = await applySavedForwarding(service.api, settings);
  if (forwardProblem) log.logger.warn(`forwarding: ${forwardProblem}`);

  let windows: ReturnType<typeof createWindowManager>;
  const push = createPusher(() => windows.webContents());
  windows = createWindowManager({
    BrowserWindow, indexHtml, preload: join(distDir, 'preload.cjs'), log: log.line,
    openExternal: (url) => shell.openExternal(url),
    openEvent: (eventId) => push({ type: 'openEvent', eventId }),
    openDroppedFile: (file) => void captures.openFile(file), // an export dropped on the window opens read-only
  });
  app.on('second-instance', () => windows.show());
  app.on('activate', () => windows.show());
  app.on('window-all-closed', () => undefined); // stay in the tray
  registerIpc({ ipcMain, api, isAppPage: appPageGuard(indexHtml), log: log.line });
  const captures = createCaptureWindows({
    BrowserWindow, log: log.line, openExternal: (url) => shell.openExternal(url),
    showError: (title, message) => dialog.showErrorBox(title, message),
    serve: (file) => serveCapture(file, { mode: 'browser', staticDir: join(distDir, 'renderer') }),
    pickFile: async () => {
      const c = await dialog.showOpenDialog({ title: 'Open capture (read-only)', properties: ['openFile'], filters: [{ name: 'Connector Inbox export', extensions: ['json'] }] });
      return c.canceled ? null : c.filePaths[0] ?? null;
    },
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ openCapture: () => void captures.open(), importCapture: () => void importCapture(), exportAll: () => void exportAll() })));

  const notifier = createNotifier({ Notification, policy, open: (eventId) => windows.show(eventId) });
  const icons = join(app.getAppPath(), 'build', 'icons');
  const tray = createTrayController({
    createTray: (image) => new Tray(image as Electron.NativeImage),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    image: (icon) => nativeImage.createFromPath(join(icons, trayIconFile(icon, process.platform))),
    onClick: () => windows.show(),
    actions: {
      copyUrl: () => {
        const t = tunnel.status();
        if (t.state === 'online') clipboard.writeText(t.url);
      },
      openInspector: () => windows.show(),
      pause1h: () => setPause({ until: Date.now() + 3_600_000 }),
      pauseUntilResumed: () => setPause({ until: 'resumed' }),
      resume: () => setPause(null),
      startTunnel: () => void tunnel.start(),
      stopTunnel: () => void tunnel.stop(),
      export: () => void exportAll(),
      import: () => void importCapture(),
      openCapture: () => void captures.open(),
      quit: () => app.quit(),
      dtReenable: () => void reenable({ dt, api, log: log.line }),
    },
  });
  const unwireDt = wireDtAlerts({ dt, api, tray, log: log.line, notify: (title, body, onClick) => notifier.info(title, body, onClick) });
  const setPause = (pause: Parameters<NotificationPolicy['setPause']>[0]) => {
    policy.setPause(pause);
    tray.update({ pause });
  };

  let statsTimer: ReturnType<typeof setTimeout> | null = null;
  const refreshCounts = () => {
    // at most once a second: events can arrive by the hundred
    statsTimer ??= setTimeout(async () => {
      statsTimer = null;
      const stats = await api.getStats();
      if (stats.ok) tray.update({ events: stats.value.events, rejected: stats.value.rejected });
    }, 1_000);
  };
  api.subscribe((message) => {
    push(message);
    notifier.handle(message);
    if (message.type === 'status') tray.update({ status: message.status });
    if (message.type === 'events') tray.activity();
    if (message.type === 'events' || message.type === 'rejected') refreshCounts();
  });
  const initial = await api.getStatus();
  if (initial.ok) tray.update({ status: initial.value });
  refreshCounts();
  if (prefs.tunnelAutoStart && settings.authtoken() && prefs.receiveMode !== 'stream') void tunnel.start();
  void dt.start(); // the saved project's connector follows the tunnel's URL

  async function exportAll(): Promise<void> {
    const choice = await dialog.showSaveDialog({
      title: 'Export all events', defaultPath: join(app.getPath('documents'), 'connector-inbox-export.json'),
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (choice.canceled || !choice.filePath) return;
    try {
      const r = await service.exportToFile({}, choice.filePath); // progress reaches the window through api.subscribe
      notifier.info('Export finished', `${r.count} events written to ${choice.filePath}`);
    } catch (e) {
      notifier.info('Export failed', (e as Error).message);
    }
  }

  async function importCapture(): Promise<void> {
    const choice = await dialog.showOpenDialog({ title: 'Import capture', properties: ['openFile'], filters: [{ name: 'Connector Inbox export', extensions: ['json'] }] });
    if (choice.canceled || !choice.filePaths[0]) return;
    const r = await api.importCapture(choice.filePaths[0]);
    notifier.info(r.ok ? 'Import finished' : 'Import failed', r.ok ? `${r.value.added} new events of ${r.value.events} (${r.value.alreadyStored} already stored)` : r.error);
  }

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    const shutdown = (async () => {
      unwireDt(); // the connector's last states arrive after the tray is gone
      notifier.dispose();
      tray.dispose();
      // the connector is disabled while the store flushes; DT unreachable costs at most 3 s
      // the captures' private copies are removed too
      await Promise.all([dt.stop(3_000), service.stop(QUIT_DEADLINE_MS - 500), captures.closeAll()]); // stops the tunnel and flushes the store
    })().catch((e: Error) => log.logger.error(`shutdown: ${e.message}`));
    const deadline = new Promise((r) => setTimeout(r, QUIT_DEADLINE_MS));
    void Promise.race([shutdown, deadline]).then(async () => {
      await log.flush();
      app.exit(0);
    });
  });
  log.line(`started; receiver ${service.receiverUrl}`);
}
