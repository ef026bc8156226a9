// Baseline C (information, no target): express + raw body parser + the least a durable
// receiver must do — group commit: bodies that arrive while a commit is in flight are
// appended together in one write, then fdatasync, then every request of the group gets
// its 200. Shows how much of the inbox's cost is durability itself on this disk.
import http from 'node:http';
import express from 'express';
import { groupCommitter } from './group-commit.mjs';

const log = await groupCommitter(process.argv[3] ?? 'bench-durable.log');
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));
app.post(/.*/, (req, res) => log.add(req.body, () => res.status(200).json({ status: 'accepted' })));
const server = http.createServer(app);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => log.close().then(() => process.exit(0))));
