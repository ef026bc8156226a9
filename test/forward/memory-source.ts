/**
 * The store's side of forwarding, in memory: what a test acknowledges, in order. The forwarder
 * is tested against it here and against the real store in the service's tests.
 */
import type { ForwardItem, ForwardSource } from '../../electron/core/forward';

export class MemorySource implements ForwardSource {
  readonly items: ForwardItem[] = [];
  pinned: number | null = null;
  private listeners = new Set<() => void>();

  add(item: Omit<ForwardItem, 'pos'>): ForwardItem {
    const full = { ...item, pos: this.items.length + 1 };
    this.items.push(full);
    for (const l of this.listeners) l();
    return full;
  }

  async since(after: number, limit: number): Promise<ForwardItem[]> {
    return this.items.slice(after, after + limit);
  }

  head(): number {
    return this.items.length;
  }

  onAcknowledged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pin(pos: number | null): void {
    this.pinned = pos;
  }
}
