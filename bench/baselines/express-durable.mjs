// Baseline C (information, no target): express + raw body parser + the least a durable
// receiver must do — group commit: bodies that arrive while a commit is in flight are
// appended together in one write, then fdatasync, then every request of the group gets
// its 200. Shows how much of the inbox's cost is durability itself on this disk.
import http from 'node:http';
import { open } from 'node:fs/promises';
import express from 'express';

const fh = await open(process.argv[3] ?? 'bench-durable.log', 'a');
let queue = [];
let committing = false;
async function commit() {
  committing = true;
  while (queue.length) {
    const batch = queue;
    queue = [];
    await fh.write(Buffer.concat(batch.flatMap((p) => [p.body, Buffer.from('\n')])));
    await fh.datasync();
    for (const p of batch) p.res.status(200).json({ status: 'accepted' });
  }
  committing = false;
}
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));
app.post(/.*/, (req, res) => {
  queue.push({ body: req.body, res });
  if (!committing) void commit();
});
const server = http.createServer(app);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => fh.close().then(() => process.exit(0))));
