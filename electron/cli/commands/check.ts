/**
 * `connector-inbox check`: "Check my receiver". Sends realistic DT-signed events, plus the
 * deliveries DT makes that receivers get wrong (duplicates, old events, unknown types,
 * forged signatures), and reports each best practice as pass / fail / warn.
 */
import { Command } from 'commander';
import { runCheck } from '../../core/check';
import { formatCheckTable } from '../check-output';
import { httpUrl, secretsFrom } from '../options';
import { progressPrinter } from '../progress';

export interface CheckIo {
  out: (text: string) => void;
  err: (text: string) => void;
  setExitCode: (code: number) => void;
  progress?: (done: number, total: number) => void;
}

const defaultIo = (): CheckIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  setExitCode: (c) => { process.exitCode = c; },
  progress: process.stderr.isTTY ? progressPrinter('checking') : undefined,
});

interface Flags { to: URL; secret?: string; json?: boolean }

export function registerCheck(program: Command, io: CheckIo = defaultIo()): void {
  program
    .command('check')
    .description('Check my receiver: run DT\'s delivery best practices against a receiver URL and report each as pass / fail / warn.')
    .requiredOption('--to <url>', 'receiver URL (http:// or https://)', httpUrl)
    .option('--secret <secret>', 'the Data Connector\'s signature secret (default: first of $CONNECTOR_INBOX_SECRET); without it the signature checks are skipped')
    .option('--json', 'print the report as connector-inbox-check/1 JSON')
    .addHelpText('after', `
About 230 POSTs, each as DT sends them: JSON, X-Dt-Signature (when a secret is given),
10 s for the whole exchange, redirects not followed. Includes a burst of 200 events,
20 at a time, so point it at a test receiver rather than production if that matters.

Exit code: 0 when no check failed (warnings allowed), 2 when one did, 1 when the
receiver could not be reached or on a usage error.`)
    .action(async (flags: Flags) => {
      const secret = secretsFrom(flags.secret ? [flags.secret] : undefined)[0];
      // An unreachable target throws: main prints its message and exits 1.
      const report = await runCheck({ url: flags.to, secret, onProgress: io.progress }).finally(() => {
        if (io.progress) io.err('\n');
      });
      io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckTable(report));
      if (report.summary.fail > 0) io.setExitCode(2);
    });
}
