// The load generator: autocannon in this (orchestrator) process, the server in a child.
// Every request carries its own pre-signed body (setupRequest picks the next one), so a
// receiver that dedupes never sees a repeat unless the pool runs out (reported).
import autocannon from 'autocannon';

/**
 * @param {string} url
 * @param {{body:string, signature:string}[]} pool  signed bodies, used in order
 * @param {{connections?:number, amount?:number, duration?:number, overallRate?:number}} o
 */
export async function fire(url, pool, o) {
  let next = 0;
  const t0 = performance.now();
  let last = t0;
  const instance = autocannon({
    url,
    connections: o.connections ?? 10,
    pipelining: 1,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 5 }),
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    timeout: 10,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const b = pool[next++ % pool.length];
        return { ...req, body: b.body, headers: { ...req.headers, 'content-type': 'application/json', 'x-dt-signature': b.signature } };
      },
    }],
  });
  // with `amount`, autocannon ends at its next 1 s sample tick, not at the last response: a rate
  // over a fixed number of requests must use `activeMs` (until the last response), not `durationS`
  instance.on('response', () => { last = performance.now(); });
  const r = await instance;
  return {
    requests: r.requests.total,
    sent: next,
    wrapped: next > pool.length,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    durationS: r.duration,
    activeMs: last - t0,
    rps: r.requests.total / r.duration,
    okRps: r['2xx'] / r.duration,
    latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
  };
}
