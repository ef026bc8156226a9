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
