/** "Check my receiver": the entry point (the run is in run.ts, its judging in judge.ts). */
export { runCheck, checkReceiver, displayTarget, UnreachableError, DT_TIMEOUT_MS, SLOW_MS, SILENT_AFTER, type CheckOptions } from './run';
export { CHECK_FORMAT, CHECK_IDS, type CheckId, type CheckReport, type CheckResult, type CheckStatus } from '../../../shared/check-report';
