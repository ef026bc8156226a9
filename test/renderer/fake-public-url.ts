/** The fake's saved public URL (desktop Setup): checked as the app checks it, kept in memory. */
import { fail, ok } from '../../shared/api/contract';
import { checkPublicUrl } from '../../shared/api/public-url';

export class FakePublicUrl {
  url: string | null = null;
  /** every setPublicUrl argument, in order */
  readonly saved: string[] = [];

  get() {
    return ok({ publicUrl: this.url });
  }

  set(text: string) {
    this.saved.push(text);
    if (!text.trim()) return ok({ publicUrl: (this.url = null) });
    const c = checkPublicUrl(text);
    return c.ok ? ok({ publicUrl: (this.url = c.url) }) : fail<{ publicUrl: string | null }>(c.error);
  }
}
