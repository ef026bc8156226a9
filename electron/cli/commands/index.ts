import type { Command } from 'commander';

/**
 * Each command module exports one register function, loaded only when it is needed: `export`
 * should not pay for loading the server (express, fast-jwt, zod, ngrok) that `serve` needs.
 * The order is the order in --help.
 */
const commands: Record<string, () => Promise<(program: Command) => void>> = {
  serve: async () => (await import('./serve')).registerServe,
  export: async () => (await import('./export')).registerExport,
  send: async () => (await import('./send')).registerSend,
  check: async () => (await import('./check')).registerCheck,
  replay: async () => (await import('./replay')).registerReplay,
  import: async () => (await import('./import')).registerImport,
  open: async () => (await import('./open')).registerOpen,
  dt: async () => (await import('./dt')).registerDt,
};

/**
 * Registers only the command named in argv when there is one; every command otherwise (--help,
 * --version, a misspelt name), so help lists them all and commander words the unknown name.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const one = named === undefined || !Object.hasOwn(commands, named) ? undefined : commands[named];
  const load = one ? [one] : Object.values(commands);
  for (const register of await Promise.all(load.map((l) => l()))) register(program);
}
