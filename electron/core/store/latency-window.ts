/** The last N acknowledgement latencies, for p50/p99 without unbounded memory. */
export class LatencyWindow {
  private values: number[] = [];
  private next = 0;

  constructor(private readonly size = 2000) {}

  add(ms: number): void {
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % this.size;
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
