/**
 * Ctrl-C for the commands that wait (send, replay): the first SIGINT aborts the run's signal
 * so pacing and retry waits end at once and the command prints what it did; a second one
 * exits at once, for a run that does not stop.
 */
export const INTERRUPTED_EXIT_CODE = 130;

export interface Interrupt {
  signal: AbortSignal;
  /** removes the handler: after the run, Ctrl-C is Node's again */
  dispose: () => void;
}

export function stopOnInterrupt(): Interrupt {
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  return { signal: abort.signal, dispose: () => process.off('SIGINT', onSignal) };
}
