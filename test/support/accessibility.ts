import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PRIVACY_NOTICE } from '@gongkai/shared';
import { chromium, type Page } from 'playwright-core';
import { PRIVACY_DEVICE_KEY } from './browser';

/**
 * Accessibility checks of the H5 app: Lighthouse's accessibility category (the score the issue
 * asks for, with the mobile preset) and axe-core's serious and critical violations on a Playwright
 * page. Lighthouse 12 ships only ESM while these tests are CommonJS, so its CLI runs as a child
 * process; axe-core is a browser script injected into the page.
 */

const ROOT = join(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE_CLI = join(ROOT, 'node_modules/lighthouse/cli/index.js');
const AXE_SOURCE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** No network beyond loopback here (as launchBrowser), headless, and no first-run chores. */
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'];

export interface FailingAudit {
  id: string;
  title: string;
  /** The failing elements: CSS selectors with a snippet of each, so a failure message says what to fix. */
  elements: string[];
}

export interface LighthouseAccessibility {
  /** 0–100, as the Lighthouse report shows it. */
  score: number;
  failing: FailingAudit[];
}

interface LighthouseReport {
  categories: { accessibility: { score: number | null } };
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; details?: { items?: Array<{ node?: { selector?: string; snippet?: string } }> } }>;
  runtimeError?: { code: string; message: string };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

async function waitForDevTools(port: number, chrome: ChildProcess): Promise<void> {
  for (let round = 0; round < 200; round += 1) {
    if (chrome.exitCode !== null) throw new Error(`chromium exited with ${chrome.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`chromium's DevTools port ${port} did not open`);
}

/** What the app keeps on a device that agreed to the current privacy notice (as phonePage sets it). */
export function privacyAgreed(): Record<string, string> {
  return { [PRIVACY_DEVICE_KEY]: JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: new Date().toISOString() }) };
}

/**
 * Writes the app's storage items into the profile's localStorage for the app's origin, in Taro's
 * H5 storage format (`{data}`), before Lighthouse opens the page.
 */
async function prepareStorage(port: number, origin: string, items: Record<string, string>): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const [context] = browser.contexts();
    if (!context) throw new Error('chromium has no default context');
    const page = await context.newPage();
    // Any page of the origin shares its storage; robots.txt (or its 404) loads no app.
    await page.goto(`${origin}/robots.txt`);
    const entries = Object.entries(items).map(([key, value]) => [key, JSON.stringify({ data: value })]);
    await page.evaluate((entries) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
      for (const [key, value] of entries) storage.setItem(key!, value!);
    }, entries);
    await page.close();
  } finally {
    // Disconnects; the browser (ours, started below) keeps running for Lighthouse.
    await browser.close();
  }
}

export interface LighthouseOptions {
  /**
   * `agreed` (default): the device has already agreed to the privacy notice, so Lighthouse audits
   * the page itself, not the first-visit pop-up over it (whose mask would leave the contrast of
   * everything under it unmeasured); the pop-up is checked with axe on a fresh page.
   * `fresh`: a first visit, pop-up included.
   */
  privacy?: 'agreed' | 'fresh';
  /** More of the app's storage items (key → the value the app stores), e.g. a parent's token. */
  storage?: Record<string, string>;
  /** Where to keep Lighthouse's HTML report (e.g. next to the screenshots), to read what it saw. */
  htmlReport?: string;
}

/**
 * Lighthouse's accessibility category for `url` (an H5 hash route is fine) with its default, the
 * mobile form factor and screen emulation. Lighthouse runs against a Chromium started here with a
 * DevTools port (`--port`) and keeps the storage prepared in it (`--disable-storage-reset`).
 */
export async function lighthouseAccessibility(url: string, options: LighthouseOptions = {}): Promise<LighthouseAccessibility> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lighthouse-'));
  const port = await freePort();
  // Its own process group, so that its helper processes end with it.
  const chrome = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${join(dir, 'profile')}`, 'about:blank'], { stdio: 'ignore', detached: true });
  // --output twice: report.report.json and report.report.html.
  const output = join(dir, 'report');
  try {
    await waitForDevTools(port, chrome);
    const items = { ...((options.privacy ?? 'agreed') === 'agreed' ? privacyAgreed() : {}), ...options.storage };
    if (Object.keys(items).length) await prepareStorage(port, new URL(url).origin, items);
    await promisify(execFile)(
      process.execPath,
      [LIGHTHOUSE_CLI, url, '--only-categories=accessibility', '--output=json', '--output=html', `--output-path=${output}`, '--quiet', `--port=${port}`, '--disable-storage-reset', '--locale=en-US'],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
    );
    const report = JSON.parse(readFileSync(`${output}.report.json`, 'utf8')) as LighthouseReport;
    if (options.htmlReport) {
      mkdirSync(dirname(options.htmlReport), { recursive: true });
      copyFileSync(`${output}.report.html`, options.htmlReport);
    }
    if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
    const failing = Object.values(report.audits)
      .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score === 0)
      .map((audit) => ({
        id: audit.id,
        title: audit.title,
        elements: (audit.details?.items ?? []).map((item) => `${item.node?.selector ?? '?'}  ${item.node?.snippet ?? ''}`),
      }));
    return { score: Math.round((report.categories.accessibility.score ?? 0) * 100), failing };
  } finally {
    const exited = new Promise((resolve) => (chrome.exitCode !== null || chrome.signalCode !== null ? resolve(null) : chrome.once('exit', resolve)));
    if (chrome.pid !== undefined) {
      try {
        process.kill(-chrome.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exited;
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** A failing-audit list a person can act on: one audit a line, its elements indented. */
export function describeAudits(failing: FailingAudit[]): string {
  return failing.map((audit) => [`${audit.id}: ${audit.title}`, ...audit.elements.map((e) => `    ${e}`)].join('\n')).join('\n');
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** The offending elements' selectors. */
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (default rule set: WCAG
 * A/AA and best practices). The app's CSP refuses inline scripts, so `addScriptTag` cannot insert
 * axe; Playwright's evaluate of the source runs it over the DevTools protocol, which the page's
 * CSP does not govern (and reports no violation for).
 */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[] }> } }).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    const result = await axe.run(doc, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Violations a person can act on: one rule a line, its elements indented. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => [`${v.id} (${v.impact}): ${v.help}`, ...v.targets.map((t) => `    ${t}`)].join('\n')).join('\n');
}
