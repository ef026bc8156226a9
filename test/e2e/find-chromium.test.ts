import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumCandidates, findChromium } from '../../scripts/find-chromium.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ci-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finding a browser for the e2e tests', () => {
  it('looks at $CHROMIUM_PATH first, then the Linux, macOS and Windows places, in that order', () => {
    const list = chromiumCandidates({ CHROMIUM_PATH: '/opt/my/chrome', PROGRAMFILES: 'C:\\Program Files' });
    expect(list.slice(0, 4)).toEqual(['/opt/my/chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
    expect(list).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(list.some((p) => p.startsWith('C:\\Program Files') && p.endsWith('chrome.exe'))).toBe(true);
    expect(chromiumCandidates({})[0]).toBe('/usr/bin/chromium');
  });

  it('takes $CHROMIUM_PATH when it exists, and skips it when it does not', () => {
    const mine = join(dir, 'chrome');
    writeFileSync(mine, '');
    expect(findChromium({ CHROMIUM_PATH: mine })).toBe(mine);
    expect(findChromium({ CHROMIUM_PATH: join(dir, 'absent') })).not.toBe(join(dir, 'absent'));
  });
});
