/** The health log (health-log.ts) and the durable JSONL file it and the coverage log are written with. */
export { openHealthLog, type HealthLog, type HealthLogOptions, type HealthRecord } from './health-log';
export { openAppendLog, type AppendLog } from './append-log';
