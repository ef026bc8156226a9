/**
 * What a forward URL and a forward header may be, without zod: the contract's schemas
 * (shared/api/forward.ts) are built on these, and the Setup view checks with the same rules
 * before sending, so its messages and the service's agree.
 */

/** Header names the forwarder sets itself; a user header may not replace them. */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set(['content-type', 'content-length', 'x-dt-signature', 'host', 'transfer-encoding', 'connection']);

// shared/ has no URL global (neither DOM nor Node types): scheme, a host, no spaces.
export const FORWARD_URL_RE = /^https?:\/\/[^\s/?#@]+(?::\d+)?(?:[/?#]\S*)?$/i;
export const FORWARD_URL_MESSAGE = 'must be an http:// or https:// URL';

const TOKEN_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Why `name` cannot be a forward header, or null when it can. */
export function headerNameProblem(name: string): string | null {
  if (name.length < 1 || name.length > 100 || !TOKEN_RE.test(name)) return 'is not a valid header name';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return 'is set by the forwarder itself';
  return null;
}

/** "Name: value" → [name, value], or a message saying what is wrong. */
export function parseHeaderLine(line: string): [string, string] | string {
  const i = line.indexOf(':');
  if (i <= 0) return `"${line}" is not a header: expected "Name: value"`;
  const name = line.slice(0, i).trim();
  const value = line.slice(i + 1).trim();
  const problem = headerNameProblem(name);
  if (problem) return `header "${name}" ${problem}`;
  if (/[\r\n]/.test(value)) return `header "${name}" may not contain line breaks`;
  return [name, value];
}

/** What the last failed attempt says about the receiver: "answers 500", "does not answer", "cannot be reached". */
export function outcomeWords(o: number | 'timeout' | 'error' | null): string {
  return typeof o === 'number' ? `answers ${o}` : o === 'timeout' ? 'does not answer' : 'cannot be reached';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Your receiver answers 500 since 14:02" (local time), or null while it takes deliveries.
 * The tray, the notification and the Forwarding panel say it the same way.
 */
export function failingSentence(f: { failingSince: string | null; lastOutcome: number | 'timeout' | 'error' | null }): string | null {
  if (!f.failingSince) return null;
  const d = new Date(f.failingSince);
  const since = Number.isNaN(d.getTime()) ? f.failingSince : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `Your receiver ${outcomeWords(f.lastOutcome)} since ${since}`;
}
