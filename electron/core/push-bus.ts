/** The service's pushed messages: every subscriber gets each message once, in order. */
import type { PushMessage } from '../../shared/api/contract';

export class PushBus {
  private readonly listeners = new Set<(m: PushMessage) => void>();

  subscribe(listener: (m: PushMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  push(message: PushMessage): void {
    for (const l of this.listeners) {
      try { l(message); } catch { /* one bad subscriber must not stop the others */ }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
