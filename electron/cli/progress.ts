/** A one-line progress display for a terminal, redrawn at most ten times a second. */
export function progressPrinter(label: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    process.stderr.write(`\r${label} ${done}/${total} (${pct} %)`);
  };
}
