/** Raw HTTP to the UI server: node:http lets the tests send any Host and Origin header. */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Open an SSE stream and resolve with the first `data:` line matching `predicate`. */
export function readSse(
  port: number,
  path: string,
  predicate: (data: string) => boolean,
  onOpen: () => void,
): { done: Promise<string>; close: () => void } {
  let req: http.ClientRequest;
  const done = new Promise<string>((resolve, reject) => {
    req = http.get({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      onOpen();
      res.on('data', (c: string) => {
        buf += c;
        for (const line of buf.split('\n')) {
          if (line.startsWith('data: ') && predicate(line.slice(6))) resolve(line.slice(6));
        }
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
  return { done, close: () => req.destroy() };
}
