import type { Command } from 'commander';

/** Each command module exports one register function; the order is the order in --help. */
export function registerCommands(program: Command): void {
  void program;
}
