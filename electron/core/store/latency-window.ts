/** The last N acknowledgement latencies, for p50/p99 without unbounded memory. */
export class LatencyWindow {
  private values: number[] = [];
  private next = 0;
  /** latencies added since the window was made: the health log writes the ones it has not seen */
  added = 0;

  constructor(readonly size = 2000) {}

  add(ms: number): void {
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % this.size;
    this.added++;
  }

  /** the newest `n` latencies (at most the window's), oldest first */
  newest(n: number): number[] {
    const k = Math.min(n, this.values.length);
    const out: number[] = [];
    for (let i = k; i > 0; i--) out.push(this.values[(this.next - i + this.values.length) % this.values.length]!);
    return out;
  }

  percentile(p: number): number | null {
    if (this.values.length === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  max(): number | null {
    return this.values.length ? Math.max(...this.values) : null;
  }
}
