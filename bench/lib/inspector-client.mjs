// What an open inspector does to the service while events stream in, without a browser (the
// browser would take a share of the 2 cores that the figures are about): the push stream (SSE,
// GET /api/push) and, for every `events` message, the Events list's refresh: queryEvents of the
// first page (100 rows, no filter), coalesced to one per 250 ms (renderer/src/hooks/useEventList.ts).
// It runs in a process of its own, as a browser would: in the load generator's process its work
// would slow the load instead of the server.
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const REFRESH_MS = 250;

function connect({ port, token }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let closed = false, timer = null, inflight = false;
  const counts = { messages: 0, events: 0, refreshes: 0, errors: 0 };
  const refresh = () => {
    timer = null;
    if (closed || inflight) return;
    inflight = true;
    const body = JSON.stringify([{ filter: {}, offset: 0, limit: 100 }]);
    const req = http.request({ host: '127.0.0.1', port, path: '/api/queryEvents', method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        inflight = false;
        if (res.statusCode === 200) counts.refreshes++;
        else counts.errors++;
      });
    });
    req.on('error', () => { inflight = false; counts.errors++; });
    req.end(body);
  };
  let pending = '';
  const stream = http.get({ host: '127.0.0.1', port, path: `/api/push?token=${encodeURIComponent(token)}` }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const frame = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (!frame.startsWith('data: ')) continue;
        counts.messages++;
        const m = JSON.parse(frame.slice(6));
        if (m.type !== 'events') continue;
        counts.events += m.added;
        timer ??= setTimeout(refresh, REFRESH_MS);
      }
    });
  });
  stream.on('error', () => { if (!closed) counts.errors++; });
  return {
    counts,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      stream.destroy();
      agent.destroy();
    },
  };
}

/** Starts the inspector process; close() resolves with its counts. */
export async function connectInspector(ui) {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(ui)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const reply = () => new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`inspector client exited (${code})`)));
  });
  await reply(); // connected
  return {
    async close() {
      const counts = reply();
      child.send('close');
      const c = await counts;
      child.kill();
      return c;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const c = connect(JSON.parse(process.argv[2]));
  process.send('connected');
  process.on('message', () => {
    c.close();
    process.send(c.counts, () => process.exit(0));
  });
}
