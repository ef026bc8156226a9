/** Runs the built CLI: `serve --ui` in the background, `send` to completion. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface Served {
  child: ChildProcess;
  receiverUrl: string;
  uiUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function serve(cli: string, args: string[], timeoutMs = 20_000): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const hard = setTimeout(() => child.kill('SIGKILL'), 6000);
      child.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      void stop();
      reject(new Error(`serve did not print its URLs in time:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const receiver = /receiver listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      const ui = /Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)?.[1];
      if (receiver && ui) {
        clearTimeout(deadline);
        child.stdout!.off('data', check);
        resolve({ child, receiverUrl: receiver, uiUrl: ui, output: () => out, stop });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

export function send(cli: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'send', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`send failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

/** One delivery signed the way DT signs (HS256 JWT with checksums of the raw body). */
export async function postSigned(url: string, body: unknown, secret: string): Promise<number> {
  const raw = JSON.stringify(body);
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    checksum: createHash('sha1').update(raw).digest('hex'),
    checksum_sha256: createHash('sha256').update(raw).digest('hex'),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dt-Signature': token }, body: raw });
  await res.arrayBuffer();
  return res.status;
}

export interface OpenedCapture {
  child: ChildProcess;
  /** the inspector URL it printed, with its token */
  url: URL;
  token: string;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 8 s; resolves with the exit code */
  stop: () => Promise<number | null>;
}

/** `connector-inbox open FILE --no-open --ui-port 0`, resolved once it prints its inspector URL. */
export function openCapture(cli: string, file: string, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<OpenedCapture> {
  const child = spawn(process.execPath, [cli, 'open', file, '--no-open', '--ui-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONNECTOR_INBOX_SECRET: '', ...env },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), 8_000);
    const code = await exited;
    clearTimeout(hard);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`open did not print its URL in time:\n${out}`)); }, timeoutMs);
    const check = () => {
      const m = /Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      const url = new URL(m[1]!);
      resolve({ child, url, token: url.searchParams.get('token')!, output: () => out, exited, stop });
    };
    child.stdout!.on('data', check);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`open exited with ${code}:\n${out}`)); });
  });
}
