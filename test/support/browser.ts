import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVACY_NOTICE } from '@gongkai/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium by default; CHROMIUM_PATH points elsewhere. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '../artifacts/h5');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    // This machine has no network beyond loopback: keep Chromium from trying.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Every page these helpers open is watched for Content Security Policy violations (Chromium logs
 * each one to the console, "Refused to … violates the following Content Security Policy
 * directive …"); any seen during a test fails it (the afterEach below), so every browser test
 * also checks that the CSP lets the page run.
 */
const violations: string[] = [];
const openPages = new Set<Page>();

function watch(page: Page): void {
  if (openPages.has(page)) return;
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
}

function watchContext(context: BrowserContext): void {
  context.on('page', watch);
}

/** The violations seen since the last call (after the open pages' pending console messages arrived). */
export async function takeCspViolations(): Promise<string[]> {
  // A round trip to each page delivers the console messages it sent before.
  await Promise.all([...openPages].map((page) => page.evaluate(() => 0).catch(() => undefined)));
  return violations.splice(0);
}

if (typeof afterEach === 'function') {
  afterEach(async () => {
    const seen = await takeCspViolations();
    if (seen.length) throw new Error(`Content Security Policy violations:\n${seen.join('\n')}`);
  });
}

/** Where the H5 app keeps this device's decision on the privacy notice (miniprogram/src/utils/privacy.ts). */
export const PRIVACY_DEVICE_KEY = 'gongkai.privacy.notice';

export interface PhonePageOptions {
  /**
   * `agreed` (default): the device has agreed to the current privacy notice, so its pop-up does not
   * cover the pages a test is about; `fresh`: a first visit, as the privacy test wants it.
   */
  privacy?: 'agreed' | 'fresh';
}

/** A phone-sized page, as parents hold it. */
export async function phonePage(browser: Browser, options: PhonePageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if ((options.privacy ?? 'agreed') === 'agreed') await agreePrivacy(context);
  watchContext(context);
  const page = await context.newPage();
  watch(page);
  return page;
}

/** Stores the device's agreement to the current privacy notice, so its pop-up does not cover the page. */
async function agreePrivacy(context: BrowserContext): Promise<void> {
  // In Taro's storage format ({data}); only when nothing is stored, so a decision the page makes stands.
  const value = JSON.stringify({ data: JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: new Date().toISOString() }) });
  await context.addInitScript(
    ({ key, value }) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
      if (storage.getItem(key) === null) storage.setItem(key, value);
    },
    { key: PRIVACY_DEVICE_KEY, value },
  );
}

export interface DesktopPageOptions extends PhonePageOptions {
  /** The window's size; 1280 × 900 unless said (the staff console's tests use 1280 × 800). */
  viewport?: { width: number; height: number };
}

/** A desktop-sized page (the API docs, the staff console). */
export async function desktopPage(browser: Browser, options: DesktopPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (options.privacy === 'agreed') await agreePrivacy(context);
  watchContext(context);
  const page = await context.newPage();
  watch(page);
  return page;
}

/** Signs a staff member in on the H5 login page and waits for the staff home. */
export async function signInStaff(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/packages/staff/pages/login/index`);
  const login = page.locator('.e2e-staff-login:visible');
  await login.locator('.e2e-staff-username input').fill(username);
  await login.locator('.e2e-staff-password input').fill(password);
  await login.locator('.e2e-staff-submit').click();
  await page.locator('.e2e-staff-home:visible .e2e-staff-name').waitFor();
}

/** Whether every picture under `selector` (a locator, `:visible` allowed) has loaded: a broken one has no natural width. */
export async function imagesLoaded(page: Page, selector: string): Promise<boolean> {
  const images = page.locator(`${selector} img`);
  await images.first().waitFor();
  for (let round = 0; round < 100; round += 1) {
    const state = await images.evaluateAll((imgs) => imgs.map((img) => img as unknown as { complete: boolean; naturalWidth: number }).map((img) => ({ complete: img.complete, width: img.naturalWidth })));
    if (state.every((s) => s.complete)) return state.every((s) => s.width > 0);
    await page.waitForTimeout(100);
  }
  return false;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Waits out Taro's H5 toasts (提交成功, 已处理…) so they do not cover the page in a picture. The
 * toast's own element has no size (its box is fixed), so its display is watched rather than
 * Playwright's visibility; a function, not a string: Playwright evaluates a string predicate with
 * eval, which the CSP refuses.
 */
export async function toastsGone(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ style: { display: string } }> } };
    return Array.from(document.querySelectorAll('.taro__toast')).every((t) => t.style.display === 'none');
  });
}
