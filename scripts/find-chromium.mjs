// Where the e2e tests and the inspector bench look for a Chromium or Chrome to drive with
// playwright-core (which downloads no browser of its own). First hit wins.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The places looked at, in order. */
export function chromiumCandidates(env = process.env) {
  const list = [];
  if (env.CHROMIUM_PATH) list.push(env.CHROMIUM_PATH);
  list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome');
  list.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium');
  for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
    if (base) list.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return list;
}

/** The first browser found, or undefined. */
export function findChromium(env = process.env) {
  return chromiumCandidates(env).find((p) => existsSync(p));
}

export const INSTALL_HINT = 'install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to one';
