/**
 * The desktop shell opens the window on an event (a notification was clicked) with
 * `#event=<eventId>` in the URL, and also pushes 'openEvent' once the page has loaded;
 * the hash covers the push that can arrive before React has subscribed.
 */
export function parseOpenEventHash(hash: string): string | null {
  const m = /^#event=([^&]{1,600})$/.exec(hash);
  if (!m) return null;
  try {
    const id = decodeURIComponent(m[1]!);
    return id.length > 0 && id.length <= 200 ? id : null;
  } catch {
    return null;
  }
}

export interface OpenRequest {
  eventId: string;
  /** bumps on every request, so asking for the same event twice still re-opens it */
  n: number;
}
