/**
 * `connector-inbox`: the headless core's command line. Each command lives in
 * electron/cli/commands/ and registers itself on the program.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { wordForCli } from './errors';

// commander words the errors it finds while parsing; an InvalidArgumentError thrown by a
// command's own checks (a bad --forward-to) reaches the catch below unprinted
let worded = false;
const program = new Command('connector-inbox')
  .description('Receive, verify, dedupe and inspect Disruptive Technologies Data Connector events.')
  .version(process.env.npm_package_version ?? '0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => { worded = true; write(text); } });

await registerCommands(program, process.argv);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (!worded && e.exitCode !== 0 && e.message) process.stderr.write(`connector-inbox: ${e.message.replace(/^error: /, '')}\n(run with --help for usage)\n`);
    process.exit(e.exitCode);
  }
  process.stderr.write(`connector-inbox: ${wordForCli(e)}\n`);
  process.exit(1);
}
