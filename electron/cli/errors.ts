/** Core errors worded for the command line: the remedy names the flag to change. */
import { CoreError } from '../core/errors';

export function wordForCli(e: unknown): string {
  if (!CoreError.is(e)) return (e as Error).message;
  switch (e.code) {
    case 'port_in_use':
      return `${e.message}; choose another with --port`;
    case 'data_dir_unusable':
      return `${e.message}; choose another with --data-dir`;
    case 'data_dir_busy': {
      const { pid, raced } = (e as CoreError<'data_dir_busy'>).details;
      if (raced) return e.message;
      return `${e.message}; ${pid === null ? 'stop it first' : 'stop it'} or choose another --data-dir`;
    }
    default:
      return e.message;
  }
}
