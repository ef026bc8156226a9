/**
 * The store's side of forwarding, in memory: what a test acknowledges, in order. The forwarder
 * is tested against it here and against the real store in the service's tests.
 */
import type { ForwardItem, ForwardPoint, ForwardSource } from '../../electron/core/forward';

export class MemorySource implements ForwardSource {
  readonly items: ForwardItem[] = [];
  pinned: unknown = null;
  private listeners = new Set<() => void>();

  add(item: Omit<ForwardItem, 'pos' | 'mark'>): ForwardItem {
    const pos = this.items.length + 1;
    const full = { ...item, pos, mark: pos };
    this.items.push(full);
    for (const l of this.listeners) l();
    return full;
  }

  async open(saved: unknown): Promise<ForwardPoint> {
    const pos = typeof saved === 'number' ? saved : this.items.length;
    return { pos, mark: pos };
  }

  async since(after: ForwardPoint, limit: number): Promise<ForwardItem[]> {
    return this.items.slice(after.pos, after.pos + limit);
  }

  head(): number {
    return this.items.length;
  }

  onAcknowledged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pin(mark: unknown): void {
    this.pinned = mark;
  }
}
