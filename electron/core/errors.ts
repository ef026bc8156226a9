/**
 * Errors the core raises for a person to act on. The core says what happened and carries the
 * facts (a code and its details); each entry point words the remedy for its own users: flags
 * in the CLI (electron/cli/errors.ts), settings in the desktop app (electron/shell/errors.ts).
 */
export interface CoreErrorDetails {
  /** the receiver's port is taken */
  port_in_use: { port: number; host: string };
  /** the data directory cannot be created or used */
  data_dir_unusable: { dir: string };
  /** another Connector Inbox holds the data directory (pid null: this process) */
  data_dir_busy: { lockFile: string; pid: number | null; raced?: boolean };
  /** a write to the data directory failed (disk full, read-only, removed) */
  storage_unavailable: { dir: string; cause?: string };
}

export type CoreErrorCode = keyof CoreErrorDetails;

export class CoreError<C extends CoreErrorCode = CoreErrorCode> extends Error {
  constructor(readonly code: C, message: string, readonly details: CoreErrorDetails[C]) {
    super(message);
    this.name = 'CoreError';
  }

  /** Narrows `e` to a core error, of this code when one is given. */
  static is<C extends CoreErrorCode>(e: unknown, code?: C): e is CoreError<C> {
    return e instanceof CoreError && (code === undefined || e.code === code);
  }
}

/** A delivery could not be stored: the receiver answers 503 and DT retries. */
export class StorageError extends CoreError<'storage_unavailable'> {
  constructor(message: string, details: CoreErrorDetails['storage_unavailable']) {
    super('storage_unavailable', message, details);
    this.name = 'StorageError';
  }
}
