/**
 * The inbox service exactly as `connector-inbox serve` builds it (createInboxService,
 * browser mode, durable store), run in a child process that also measures itself:
 * event-loop delay (perf_hooks.monitorEventLoopDelay), bytes written to segments (journal
 * appends and whole-segment writes: store.stats.bytesWritten), all bytes written (/proc/self/io wchar), RSS.
 *
 * Started with fork(); argument: JSON options. IPC: {cmd:'reset'|'stats'|'stop'} →
 * replies {cmd, ...}. On start it sends {cmd:'ready', port, startupMs}. {cmd:'profStart'} /
 * {cmd:'profStop', file} record a CPU profile of just the span between them (not the start-up).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInboxService } from '../../electron/core/inbox-service';
import { startUiServer } from '../../electron/core/ui-server';

interface HarnessOptions {
  dataDir: string;
  port?: number;
  secrets?: string[];
  maxEvents?: number;
  segmentSize?: number;
  /** forward every acknowledged delivery here (the forward part) */
  forwardTo?: string;
  /** also start the inspector's UI server (as `serve --ui`), so the bench can connect an inspector */
  ui?: boolean;
}

function wchar(): number {
  try {
    const m = /wchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

const UI_TOKEN = 'bench-ui-token-0123456789abcdef';

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as HarnessOptions;
  const t0 = performance.now();
  const service = await createInboxService({
    dataDir: opts.dataDir, port: opts.port ?? 0, host: '127.0.0.1', secrets: opts.secrets ?? [],
    maxEvents: opts.maxEvents, segmentSize: opts.segmentSize, mode: 'browser',
    forward: opts.forwardTo ? { url: opts.forwardTo } : undefined,
  });
  const startupMs = performance.now() - t0;
  // as serve --ui builds it (no static files needed: the bench's inspector is an API client)
  const ui = opts.ui ? await startUiServer({
    api: service.api, port: 0, token: UI_TOKEN, staticDir: '/nonexistent',
    exportStream: (filter, out, onProgress) => service.exportToStream(filter, out as never, onProgress),
  }) : undefined;
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  let elu0 = performance.eventLoopUtilization();
  let commits = 0, stored = 0, dups = 0, wchar0 = wchar(), segBytes0 = service.store.stats.bytesWritten;
  service.store.on('stored', (added, duplicates) => {
    commits++;
    stored += added.length;
    dups += duplicates.length;
  });
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const stats = () => ({
    eld: { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max), mean: ms(eld.mean), count: eld.count },
    elu: Math.round(performance.eventLoopUtilization(elu0).utilization * 1000) / 1000,
    commits, stored, dups, segBytes: service.store.stats.bytesWritten - segBytes0, wchar: wchar() - wchar0,
    rssMB: Math.round(process.memoryUsage().rss / 1e5) / 10,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
    externalMB: Math.round((process.memoryUsage().external + process.memoryUsage().arrayBuffers) / 1e5) / 10,
    total: service.store.summaries.length,
    ackP50: service.store.stats.latencies.percentile(50), ackP99: service.store.stats.latencies.percentile(99),
    forward: service.forwarding.status(),
  });
  let session: Session | null = null;
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) =>
    session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  process.on('message', (m: { cmd: string; file?: string }) => {
    if (m.cmd === 'profStart') {
      session = new Session();
      session.connect();
      void post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 500 })).then(() => post('Profiler.start'))
        .then(() => process.send!({ cmd: 'profStart' }));
    } else if (m.cmd === 'profStop') {
      void post('Profiler.stop').then((r: { profile: unknown }) => {
        writeFileSync(m.file!, JSON.stringify(r.profile));
        session!.disconnect();
        process.send!({ cmd: 'profStop' });
      });
    } else if (m.cmd === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ cmd: 'gc', ...stats() });
    } else if (m.cmd === 'reset') {
      eld.reset();
      elu0 = performance.eventLoopUtilization();
      segBytes0 = service.store.stats.bytesWritten; commits = 0; stored = 0; dups = 0; wchar0 = wchar();
      process.send!({ cmd: 'reset' });
    } else if (m.cmd === 'forwardStatus') {
      const f = service.forwarding.status();
      process.send!({ cmd: 'forwardStatus', forward: f && { queueDepth: f.queueDepth, delivered3h: f.delivered3h, failed3h: f.failed3h } });
    } else if (m.cmd === 'stats') {
      process.send!({ cmd: 'stats', ...stats() });
    } else if (m.cmd === 'stop') {
      void Promise.all([ui?.close(), service.stop(4_000)]).then(() => {
        process.send!({ cmd: 'stopped' }, () => process.exit(0));
      });
    }
  });
  process.on('SIGTERM', () => {
    process.stderr.write(JSON.stringify(stats()) + '\n');
    void service.stop(4_000).then(() => process.exit(0));
  });
  process.send!({ cmd: 'ready', port: service.port, uiPort: ui?.port, uiToken: ui ? UI_TOKEN : undefined, startupMs, total: service.store.summaries.length });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
