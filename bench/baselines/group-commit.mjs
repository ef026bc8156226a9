// The group commit of baselines C and D: bodies that arrive while a commit is in flight are
// appended together in one write, then fdatasync, then each of them is answered.
import { open } from 'node:fs/promises';

export async function groupCommitter(file) {
  const fh = await open(file, 'a');
  let queue = [];
  let committing = false;
  async function commit() {
    committing = true;
    while (queue.length) {
      const batch = queue;
      queue = [];
      await fh.write(Buffer.concat(batch.flatMap((p) => [p.body, Buffer.from('\n')])));
      await fh.datasync();
      for (const p of batch) p.answer();
    }
    committing = false;
  }
  return {
    /** `answer` runs once the body is on disk */
    add(body, answer) {
      queue.push({ body, answer });
      if (!committing) void commit();
    },
    close: () => fh.close(),
  };
}
