/**
 * postOnce in a worker thread. An HTTP client request costs about as much CPU as the receiver
 * spends on a delivery (see bench/FINDINGS.md §3); forwarding every delivery on the receiver's own
 * thread took ~20 % of its throughput. In a worker, the receiver's thread only hands over the
 * body and reads the outcome. The worker runs createPostOnce's own source (see post.ts), so
 * the request is made exactly as postOnce makes it.
 */
import { Worker } from 'node:worker_threads';
import { createPostOnce, type AttemptResult } from './post';

interface Request { id: number; url: string; body: string; headers: Record<string, string>; timeoutMs: number; maxAnswerBytes: number }
interface Reply { id: number; outcome: AttemptResult['outcome']; latencyMs: number; answer?: { body: string; truncated: boolean }; error?: string }

export interface ThreadAttempt { outcome: AttemptResult['outcome']; latencyMs: number; answer?: { body: string; truncated: boolean }; error?: string }

/**
 * Answers come back in batches every few ms: waking the receiver's thread is what a message
 * costs it, more than the bytes, and a few ms do not matter to a forwarded event.
 */
const BATCH_MS = 2;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
if (process.platform === 'linux') { try { require('node:os').setPriority(19); } catch {} }
const http = require('node:http'), https = require('node:https');
const postOnce = (${createPostOnce.toString()})({ http, https });
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }) };
let abort = new AbortController();
let replies = [];
const reply = (r) => {
  if (replies.push(r) === 1) setTimeout(() => { parentPort.postMessage(replies); replies = []; }, ${BATCH_MS});
};
parentPort.on('message', (batch) => {
  if (batch === 'abort') { abort.abort(); abort = new AbortController(); return; }
  for (const m of batch) {
    const url = new URL(m.url);
    void postOnce(url, Buffer.from(m.body, 'utf8'), m.headers, { timeoutMs: m.timeoutMs, maxAnswerBytes: m.maxAnswerBytes, agent: agents[url.protocol], signal: abort.signal })
      .then((r) => reply({ id: m.id, outcome: r.outcome, latencyMs: r.latencyMs, answer: r.answer ? { body: r.answer.body.toString('utf8'), truncated: r.answer.truncated } : undefined, error: r.error }));
  }
});
`;

export class PostThread {
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, (r: ThreadAttempt) => void>();
  /** requests waiting for the next batch */
  private outbox: Request[] = [];

  /** One POST in the worker; never rejects (a worker that dies answers 'error' and is replaced). */
  post(url: URL, body: string, headers: Record<string, string>, timeoutMs: number, maxAnswerBytes: number): Promise<ThreadAttempt> {
    const w = this.worker ?? this.start();
    const id = ++this.next;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // what the caller starts in one turn goes in one message; answers come back in BATCH_MS batches
      if (this.outbox.push({ id, url: url.href, body, headers, timeoutMs, maxAnswerBytes }) === 1) setImmediate(() => this.flush());
    });
  }

  /** Ends every request in flight at once (outcome 'aborted'), those still waiting for their batch too. */
  abortAll(): void {
    this.flush();
    this.worker?.postMessage('abort');
  }

  private flush(): void {
    if (!this.outbox.length) return;
    const batch = this.outbox;
    this.outbox = [];
    this.worker?.postMessage(batch);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll();
    await w?.terminate();
  }

  private start(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref(); // never what keeps the app alive
    w.on('message', (replies: Reply[]) => {
      for (const r of replies) {
        const resolve = this.pending.get(r.id);
        this.pending.delete(r.id);
        resolve?.({ outcome: r.outcome, latencyMs: r.latencyMs, answer: r.answer, error: r.error });
      }
    });
    const gone = () => {
      if (this.worker === w) this.worker = null;
      this.failAll();
    };
    w.on('error', gone);
    w.on('exit', gone);
    this.worker = w;
    return w;
  }

  private failAll(): void {
    this.outbox = [];
    for (const resolve of this.pending.values()) resolve({ outcome: 'error', latencyMs: 0 });
    this.pending.clear();
  }
}
