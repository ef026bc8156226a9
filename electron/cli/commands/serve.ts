/**
 * `connector-inbox serve`: the receiver without Electron. Prints where it listens, one
 * line per delivery (unless --quiet), and stops cleanly on SIGINT/SIGTERM.
 */
import { Command } from 'commander';
import { createInboxService, type InboxService } from '../../core/inbox-service';
import { defaultDataDir } from '../../core/app-paths';
import { byteSize, collect, port, positiveInt, secretsFrom } from '../options';
import { printDelivery, printStartup } from '../serve-output';

export interface ServeFlags {
  port: number;
  host: string;
  dataDir: string;
  secret?: string[];
  allowExpired?: boolean;
  maxBody: string;
  maxEvents: number;
  quiet?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the receiver: verify, dedupe and store DT Data Connector events.')
    .option('--port <n>', 'receiver port (0 = any free port)', port, 8080)
    .option('--host <addr>', 'address to listen on (the tunnel connects locally; use 0.0.0.0 only if DT reaches this machine directly)', '127.0.0.1')
    .option('--data-dir <dir>', 'where events are stored', defaultDataDir())
    .option('--secret <s>', 'a signature secret of the Data Connector (repeat for rotation; default: $CONNECTOR_INBOX_SECRET, comma-separated)', collect)
    .option('--allow-expired', 'accept expired signature tokens, to replay old captures (the checksum is still checked)')
    .option('--max-body <size>', 'largest accepted body', byteSize, '1mb')
    .option('--max-events <n>', 'retention cap: the oldest events are removed past it', positiveInt, 250_000)
    .option('-q, --quiet', 'no line per delivery')
    .action(async (flags: ServeFlags) => {
      const secrets = secretsFrom(flags.secret);
      const service = await createInboxService({
        dataDir: flags.dataDir, port: flags.port, host: flags.host, secrets,
        allowExpired: flags.allowExpired, maxBody: flags.maxBody, maxEvents: flags.maxEvents, mode: 'browser',
      });
      printStartup(service, flags, secrets.length);
      if (!flags.quiet) service.api.subscribe((m) => printDelivery(m));
      await waitForSignal(service);
    });
}

/** Resolves after a clean stop; a second signal exits at once. */
function waitForSignal(service: InboxService): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stderr.write(`\n${signal}: finishing pending writes…\n`);
      const hard = setTimeout(() => {
        process.stderr.write('did not stop within 5 s; exiting\n');
        process.exit(1);
      }, 5_000);
      service.stop(4_500).then(() => {
        clearTimeout(hard);
        process.stderr.write('stopped cleanly\n');
        resolve();
      }, (e) => {
        process.stderr.write(`stop failed: ${(e as Error).message}\n`);
        process.exit(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
