/** The Forwarding form and panel: the form's fields to setForwarding's input, and attempt wording. */
import type { ForwardAttemptView, ForwardConfigInput, ForwardConfigView } from '../../../shared/api/forward';
import { FORWARD_URL_MESSAGE, FORWARD_URL_RE, parseHeaderLine } from '../../../shared/forward-rules';

export interface ForwardForm {
  enabled: boolean;
  url: string;
  /** typed in this session; empty keeps the configured one */
  secret: string;
  clearSecret: boolean;
  types: string[];
  /** "Name: value" per line */
  headers: string;
}

export function formFrom(config: ForwardConfigView | null): ForwardForm {
  return {
    enabled: config?.enabled ?? false, url: config?.url ?? '', secret: '', clearSecret: false,
    types: [...(config?.types ?? [])], headers: Object.entries(config?.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n'),
  };
}

/** What to send, or the first problem in words the person can act on. */
export function inputFrom(f: ForwardForm): { ok: true; input: ForwardConfigInput } | { ok: false; error: string } {
  const url = f.url.trim();
  if (!url) return { ok: false, error: 'Enter the URL of your receiver, e.g. http://127.0.0.1:3000/dt.' };
  if (!FORWARD_URL_RE.test(url) || url.length > 2000) return { ok: false, error: `Receiver URL ${FORWARD_URL_MESSAGE}.` };
  const headers: Record<string, string> = {};
  for (const line of f.headers.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const h = parseHeaderLine(line);
    if (typeof h === 'string') return { ok: false, error: `Headers: ${h}.` };
    headers[h[0]] = h[1];
  }
  if (Object.keys(headers).length > 20) return { ok: false, error: 'Headers: at most 20.' };
  if (f.secret.length > 500) return { ok: false, error: 'The secret is longer than 500 characters.' };
  const secret = f.clearSecret ? null : f.secret ? f.secret : undefined;
  return { ok: true, input: { enabled: f.enabled, url, ...(secret !== undefined ? { secret } : {}), types: [...f.types], headers } };
}

/** "200", "timeout", "no connection" */
export function outcomeLabel(o: ForwardAttemptView['outcome']): string {
  return typeof o === 'number' ? String(o) : o === 'timeout' ? 'timeout (10 s)' : 'no connection';
}

export function outcomeTone(a: ForwardAttemptView): 'ok' | 'fail' {
  return a.next === 'delivered' ? 'ok' : 'fail';
}

export const NEXT_LABEL: Record<ForwardAttemptView['next'], string> = { delivered: 'delivered', retry: 'will retry', given_up: 'given up (12 h old)' };
