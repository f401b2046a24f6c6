// The one place browser tests get their Chromium: Debian's when the machine has it, otherwise the build shipped inside
// the @sparticuz/chromium npm package (a devDependency: `npm ci` brings it, it unpacks to /tmp on first use, nothing is
// downloaded at run time). Either way a test runs; none is skipped for want of a browser.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Chromium's own traffic (updates, sync, autofill) stays off, so a test that counts requests sees only the page's. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=AutofillServerCommunication',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** Which Chromium: the system path or the packaged one's unpacked path. */
  executablePath: string;
  source: 'system' | '@sparticuz/chromium';
}

/**
 * `prefer: 'packaged'` (or TEST_CHROMIUM=packaged) takes the npm package's Chromium even where the system has one, so
 * the path a machine without a browser takes is exercised on every machine.
 */
export async function launchChromium(opts: { prefer?: 'system' | 'packaged' } = {}): Promise<LaunchedBrowser> {
  const { chromium } = await import('playwright-core');
  const prefer = opts.prefer ?? (process.env.TEST_CHROMIUM === 'packaged' ? 'packaged' : 'system');
  if (prefer !== 'packaged' && existsSync(SYSTEM_CHROMIUM)) {
    const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: QUIET_FLAGS, headless: true });
    return { browser, executablePath: SYSTEM_CHROMIUM, source: 'system' };
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  unpacking ??= unpackedChromium(packaged);
  const executablePath = await unpacking;
  // The package's flags are tuned for serverless (single process, no zygote, ...); ours come last so they win.
  const browser = await chromium.launch({ executablePath, args: [...packaged.args, ...QUIET_FLAGS], headless: true });
  return { browser, executablePath, source: '@sparticuz/chromium' };
}

/** One unpacking per process: it changes TMPDIR while it runs. */
let unpacking: Promise<string> | undefined;

/**
 * The package unpacks to `$TMPDIR/chromium` and reuses whatever it finds there, which goes wrong three ways: two test
 * files launching at once (one runs a half-written binary), another user's 0700 copy, and a stale copy after an
 * upgrade. So each version and user gets a directory of its own, unpacked in a private staging directory (the
 * package writes under os.tmpdir(), read from TMPDIR at each call) and renamed into place whole.
 */
async function unpackedChromium(packaged: { executablePath(input?: string): Promise<string> }): Promise<string> {
  const entry = require.resolve('@sparticuz/chromium');
  const version = (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const home = join(tmpdir(), `recsub-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  const done = join(home, 'unpacked');
  if (!existsSync(done)) {
    const staging = mkdtempSync(`${home}.staging-`);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      const unpacked = await packaged.executablePath();
      if (unpacked !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not ${staging}`);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    writeFileSync(join(staging, 'unpacked'), `${version}\n`);
    try {
      renameSync(staging, home);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process got there first with the same files
    }
  }
  return join(home, 'chromium');
}
