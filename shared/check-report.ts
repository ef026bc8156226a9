/**
 * The report of "Check my receiver" (`connector-inbox check --json`, and the contract's
 * checkReceiver): one verdict per DT delivery best practice, in this order.
 */
export const CHECK_FORMAT = 'connector-inbox-check/1';

export const CHECK_IDS = [
  'accepts_all_types', 'unknown_type', 'responds_within_10s', 'burst', 'duplicate_delivery',
  'out_of_order', 'rejects_bad_signature', 'rejects_missing_signature', 'rejects_tampered_body',
  'rejects_expired_signature',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'warn';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** one line: what was sent and what came back */
  detail: string;
  /** what to change in the receiver; empty for a pass */
  advice: string;
}

export interface CheckReport {
  format: typeof CHECK_FORMAT;
  /** the URL checked (a password in it replaced by ***) */
  target: string;
  results: CheckResult[];
  summary: { pass: number; fail: number; warn: number };
}
