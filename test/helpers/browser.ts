// The one place browser tests get their Chromium: Debian's when the machine has it, otherwise the build shipped inside
// the @sparticuz/chromium npm package (a devDependency: `npm ci` brings it, it unpacks to /tmp on first use, nothing is
// downloaded at run time). Either way a test runs; none is skipped for want of a browser.
import { existsSync } from 'node:fs';
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
  const executablePath = await packaged.executablePath();
  // The package's flags are tuned for serverless (single process, no zygote, ...); ours come last so they win.
  const browser = await chromium.launch({ executablePath, args: [...packaged.args, ...QUIET_FLAGS], headless: true });
  return { browser, executablePath, source: '@sparticuz/chromium' };
}
