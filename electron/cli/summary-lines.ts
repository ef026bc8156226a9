/** The lines `send` and `replay` print on stderr after their JSON summary, for a person. */
import { reasonsByCount, type DeliverySummary } from '../../shared/api/replay';

/** how a stopped run ends */
export const stoppedLine = (sent: number, total: number | undefined) =>
  `stopped: ${sent} of ${total ?? '?'} sent\n`;

/** why events were not acknowledged, most frequent first ("connection refused (127.0.0.1:9) ×5") */
export function notAckedLine(command: string, s: DeliverySummary): string {
  if (s.failed === 0 || !s.reasons) return '';
  const why = reasonsByCount(s.reasons).map(([r, n]) => `${r} ×${n}`).join('; ');
  return `${command}: ${s.failed} of ${s.sent} events not acknowledged: ${why}\n`;
}
