/** The human form of a check report: a table, then what to change for each non-pass. */
import type { CheckReport } from '../core/check';

const LABEL = { pass: 'pass', fail: 'FAIL', warn: 'warn' } as const;

export function formatCheckTable(report: CheckReport): string {
  const idWidth = Math.max(...report.results.map((r) => r.id.length));
  const lines = [`Checked ${report.target}`, '', `${'STATUS'.padEnd(6)}  ${'CHECK'.padEnd(idWidth)}  DETAIL`];
  for (const r of report.results) {
    lines.push(`${LABEL[r.status].padEnd(6)}  ${r.id.padEnd(idWidth)}  ${r.detail}`);
    if (r.status !== 'pass' && r.advice) lines.push(`${' '.repeat(8 + idWidth)}→ ${r.advice}`);
  }
  const s = report.summary;
  lines.push('', `${s.pass} passed, ${s.fail} failed, ${s.warn} warnings${s.fail ? '' : ' — nothing failed'}`);
  return `${lines.join('\n')}\n`;
}
