/**
 * Coverage: when the inbox was receiving for each DT project (coverage-log.ts, durable in
 * coverage.jsonl), and the interval arithmetic that turns it into gaps (intervals.ts).
 */
export { openCoverageLog, type CoverageLog, type CoverageOptions, type CoverageSource, type Span, type StripPart } from './coverage-log';
export { clip, subtract, total, union } from './intervals';
