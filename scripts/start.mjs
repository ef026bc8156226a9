// `npm start` (after `npm run build`): launch the desktop app with Electron. Electron 45
// downloads its binary on first use; where that cannot happen (offline, blocked GitHub), say
// so in one line and run the headless inbox with the inspector in the browser instead.
//   node scripts/start.mjs [extra args for the app or for `serve`]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

/** The Electron executable, or the reason there is none. */
function findElectron() {
  // `require('electron')` resolves the binary and downloads it when missing, printing its own
  // progress and stack traces; run it in a child with a bound so that noise stays captured.
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  });
  const path = r.stdout?.trim();
  if (r.status === 0 && path && existsSync(path)) return { path };
  const why = r.error?.message ?? firstError(r.stderr) ?? `exit code ${r.status}`;
  return { reason: why };
}

function firstError(text) {
  const line = (text ?? '').split('\n').map((l) => l.trim()).find((l) => /error|fail|ENOTFOUND|EAI_AGAIN|ECONN/i.test(l));
  return line?.slice(0, 160);
}

function run(cmd, args) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (e) => {
    console.error(`start: could not run ${cmd}: ${e.message}`);
    process.exit(1);
  });
}

if (!existsSync(join(root, 'dist', 'main.js'))) {
  console.error('start: dist/main.js is missing; run `npm run build` first (npm start does).');
  process.exit(1);
}

const electron = findElectron();
if (electron.path) {
  run(electron.path, ['.', ...extra]);
} else {
  console.log(`Electron's binary is not available and cannot be downloaded here (${electron.reason}); running the headless inbox with the inspector in your browser instead.`);
  run(process.execPath, [join(root, 'dist', 'cli.js'), 'serve', '--ui', ...extra]);
}
