import type { Command } from 'commander';
import { registerServe } from './serve';
import { registerExport } from './export';
import { registerSend } from './send';
import { registerCheck } from './check';
import { registerReplay } from './replay';
import { registerDt } from './dt';
import { registerImport } from './import';

/** Each command module exports one register function; the order is the order in --help. */
export function registerCommands(program: Command): void {
  registerServe(program);
  registerExport(program);
  registerSend(program);
  registerCheck(program);
  registerReplay(program);
  registerImport(program);
  registerDt(program);
}
