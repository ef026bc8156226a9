/**
 * `connector-inbox serve`: the receiver without Electron, optionally behind the ngrok
 * tunnel (--tunnel) and with the inspector in a browser (--ui). Prints where it listens,
 * one line per delivery (unless --quiet), and stops cleanly on SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createInboxService, type InboxService } from '../../core/inbox-service';
import { defaultDataDir } from '../../core/app-paths';
import { createTunnel, describe as describeTunnel } from '../../core/tunnel';
import { startUiServer, type UiServer } from '../../core/ui-server';
import { byteSize, collect, port, positiveInt, secretsFrom } from '../options';
import { printDelivery, printStartup } from '../serve-output';
import { canOpenBrowser, openBrowser } from '../open-browser';
import { rendererDir } from '../renderer-dir';
import { stopOnSignals } from '../stop-on-signal';
import { newSignatureSecret } from '../../core/signature-secret';
import { readStoredSecret, secretFile, storeSecret } from '../stored-secret';
import { checkDtFollowFlags, createDtFollow, followsConnector, type DtFollowFlags } from '../dt-follow';
import { writeControlFile } from '../../core/serve-control';
import { httpUrlText } from './dt-common';
import { addForwardOptions, forwardSettingsFrom, type ForwardFlags } from '../forward-flags';
import { printForwarding, watchForwarding } from '../forward-output';
import type { DtController } from '../../core/dt-cloud';

export interface ServeFlags extends DtFollowFlags, ForwardFlags {
  port: number;
  host: string;
  dataDir: string;
  secret?: string[];
  allowExpired?: boolean;
  maxBody: string;
  maxEvents: number;
  quiet?: boolean;
  tunnel?: boolean;
  domain?: string;
  ui?: boolean;
  uiPort: number;
  open: boolean;
}

export function registerServe(program: Command): void {
  const serve = program
    .command('serve')
    .description('Run the receiver: verify, dedupe and store DT Data Connector events.')
    .option('--port <n>', 'receiver port (0 = any free port)', port, 8080)
    .option('--host <addr>', 'address to listen on (the tunnel connects locally; use 0.0.0.0 only if DT reaches this machine directly)', '127.0.0.1')
    .option('--data-dir <dir>', 'where events are stored', defaultDataDir())
    .option('--secret <s>', 'a signature secret of the Data Connector (repeat for rotation; default: $CONNECTOR_INBOX_SECRET, comma-separated)', collect)
    .option('--allow-expired', 'accept expired signature tokens, to replay old captures (the checksum is still checked)')
    .option('--max-body <size>', 'largest accepted body', byteSize, '1mb')
    .option('--max-events <n>', 'retention cap: the oldest events are removed past it', positiveInt, 250_000)
    .option('--tunnel', 'open a public HTTPS URL with ngrok (authtoken from $NGROK_AUTHTOKEN)')
    .option('--domain <name>', 'a reserved ngrok domain, so the URL survives restarts')
    .option('--ui', 'serve the inspector on 127.0.0.1 (never on the receiver port) and open it in a browser')
    .option('--ui-port <n>', 'inspector port (0 = any free port)', port, 0)
    .option('--no-open', 'with --ui: print the inspector URL but do not open a browser')
    .option('--dt-project <id>', 'keep a DT Data Connector of this project pointed at the public URL while serving (service account from DT_SERVICE_ACCOUNT_*)')
    .option('--dt-connector <id>', 'with --dt-project: the HTTP push connector to use (default: ours by display name, created if missing)')
    .option('--public-url <url>', 'without --tunnel: the URL DT reaches this receiver at, for --dt-project or the inspector\'s DT Cloud view', httpUrlText)
    .option('--dt-stream', 'with --dt-project: receive from DT\'s event stream (no tunnel or ngrok account needed; with --tunnel the connector runs too)')
    .option('--device <id>', 'with --dt-stream: only this device (repeatable)', collect)
    .option('--type <eventType>', 'with --dt-stream: only this event type (repeatable)', collect)
    .option('-q, --quiet', 'no line per delivery');
  addForwardOptions(serve)
    .action(async (flags: ServeFlags) => {
      checkDtFollowFlags(flags);
      const forward = forwardSettingsFrom(flags);
      let service: InboxService | undefined;
      const secrets = secretsFrom(flags.secret);
      // The secret `dt connect` generated for this data directory, when none is given.
      const stored = secrets.length ? undefined : await readStoredSecret(flags.dataDir);
      if (stored) secrets.push(stored);
      // A connector managed by serve is always signed: generate and keep a secret as dt connect does.
      let generated: string | undefined;
      if (!secrets.length && flags.dtProject) {
        const fresh = newSignatureSecret();
        generated = await storeSecret(flags.dataDir, fresh);
        secrets.push(fresh);
      }
      // A connector connected later from the inspector is signed too: a secret is made and kept then.
      const signatureSecret = async () => {
        if (!secrets.length) {
          const fresh = newSignatureSecret();
          const file = await storeSecret(flags.dataDir, fresh);
          secrets.push(fresh);
          await service?.api.setSecrets(secrets);
          process.stdout.write(`Signature secret: generated for the DT connector and stored in ${file} (readable only by you)\n`);
        }
        return secrets[0]!;
      };
      const dt = createDtFollow(flags, signatureSecret, () => service?.tunnel);
      if (flags.ui && !existsSync(join(rendererDir(), 'index.html'))) {
        throw new Error(`the inspector is not built (${rendererDir()} is missing): run npm run build first`);
      }
      service = await createInboxService({
        dataDir: flags.dataDir, port: flags.port, host: flags.host, secrets,
        allowExpired: flags.allowExpired, maxBody: flags.maxBody, maxEvents: flags.maxEvents, mode: 'browser', dtCloud: dt, forward,
        stream: flags.dtStream ? { project: flags.dtProject!, deviceIds: flags.device, eventTypes: flags.type } : undefined,
        // stream only: nothing pushes to the inbox, so no receiver port is opened
        receiver: !flags.dtStream || followsConnector(flags),
        makeTunnel: flags.tunnel
          ? (receiverPort) => createTunnel({ port: receiverPort, authtoken: process.env.NGROK_AUTHTOKEN || undefined, domain: flags.domain })
          : undefined,
      });
      printStartup(service, flags, secrets.length);
      if (stored) process.stdout.write(`Signature secret: the one stored in ${secretFile(flags.dataDir)}\n`);
      if (generated) process.stdout.write(`Signature secret: generated for the DT connector and stored in ${generated} (readable only by you)\n`);
      if (forward) printForwarding(forward);
      // also when forwarding is turned on later, from the inspector's Setup view
      watchForwarding(service.api);
      if (!flags.quiet) service.api.subscribe((m) => printDelivery(m));
      let ui: UiServer | undefined;
      let removeControl: (() => Promise<void>) | undefined;
      // Signals are handled from here on, before the tunnel prints anything: a SIGTERM while the
      // UI server is still starting used to kill the process without stopping the connector.
      let markReady!: () => void;
      const ready = new Promise<void>((r) => { markReady = r; });
      const stopped = waitForSignal(() => ({ service: service!, ui, dt, removeControl }), ready);
      try {
        if (service.tunnel) {
          // Whatever the tunnel does, the receiver keeps serving locally; only report it.
          service.tunnel.onStatus((s) => process.stdout.write(`Tunnel: ${describeTunnel(s)}${s.state === 'online' ? ` — set this as the Data Connector URL` : ''}\n`));
          void service.tunnel.start();
        }
        void dt?.start();
        // Always on loopback with a per-launch token: the inspector (--ui) and the CLI commands that
        // reach this serve through control.json (import, dt backfill) share it.
        ui = await startUiServer({
          api: service.api, port: flags.ui ? flags.uiPort : 0, token: randomBytes(24).toString('base64url'), staticDir: rendererDir(),
          exportStream: (filter, out, onProgress) => service.exportToStream(filter, out as NodeJS.WritableStream & import('node:stream').Writable, onProgress),
        });
        removeControl = await writeControlFile(flags.dataDir, ui.port, new URL(ui.url).searchParams.get('token')!);
        if (flags.ui) {
          process.stdout.write(`Inspector: ${ui.url}\n`);
          if (flags.open && canOpenBrowser()) openBrowser(ui.url);
        }
      } catch (e) {
        await Promise.all([dt?.stop(2_000), service.stop(), ui?.close(), removeControl?.()]);
        throw e;
      } finally {
        markReady();
      }
      await stopped;
    });
}

interface Running { service: InboxService; ui: UiServer | undefined; dt: DtController | undefined; removeControl?: () => Promise<void> }

/**
 * Resolves after a clean stop; a second signal exits at once. A signal during start-up waits for
 * `ready` (the UI server's start, local and quick) so what started is stopped, all inside the 5 s.
 */
function waitForSignal(running: () => Running, ready: Promise<void>): Promise<void> {
  return stopOnSignals({
    stopping: 'finishing pending writes…', stopped: 'stopped cleanly',
    // The connector is disabled while the receiver drains, each bounded inside the 5 s quit deadline.
    stop: () => ready.then(() => {
      const { service, ui, dt, removeControl } = running();
      return Promise.all([ui?.close(), removeControl?.(), service.stop(4_500), dt?.stop(3_000)]);
    }),
  });
}
