/** Runs async tasks one at a time, in order: the store's single writer. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** resolves when everything queued so far has finished */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
