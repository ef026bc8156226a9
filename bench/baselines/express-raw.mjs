// Baseline B: express with a raw body parser (as the receiver uses) answering 200.
import http from 'node:http';
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));
app.post(/.*/, (req, res) => {
  res.status(200).json({ status: 'accepted', bytes: req.body.length });
});
const server = http.createServer(app);
server.keepAliveTimeout = 5000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
