#!/usr/bin/env node
/**
 * WeChat's code-quality check (the DevTools' 代码质量 panel) on the weapp build, through
 * miniprogram-ci's `checkCodeQuality`. It runs offline: the appid is read from the build's
 * project.config.json (any appid does) and the "upload key" is a throwaway RSA key made here,
 * because the check never reads it but the Project object requires one.
 * Prints every item with pass/fail; exits 1 when an item fails, 2 when there is no build to check.
 *
 *   node scripts/check-quality.mjs [dist/weapp] [--json]      (from miniprogram/)
 *
 * What the 11 items look at (miniprogram-ci 2.1.42, dist/ci/checkCodeQuality.js):
 *   JS_ / WXML_ / WXSS_COMPRESS_OPEN  only project.config.json's setting.minified / minifyWXML /
 *                                     minifyWXSS (DevTools compresses on upload), not the files;
 *   LAZYCODE_LOADING_OPEN             app.json has lazyCodeLoading;
 *   PACKAGE_SIZE_LIMIT                every package < 1.5 MB; IMAGE_AND_AUDIO_LIMIT images+audio < 200 KB;
 *   CONTAINS_OTHER_PKG_JS             no main-package JS used only by subpackages;
 *   CONTAINS_UNUSED_PLUGINS / _COMPONENTS  none declared but unused;
 *   CONTAINS_OTHER_PKG_COMPONENTS     always passes (only reports);
 *   CONTAINS_UNUSED_CODES             files nothing depends on; passes anyway unless
 *                                     setting.ignoreDevUnusedFiles / ignoreUploadUnusedFiles is false.
 * miniprogram-ci counts an item whose checker throws as passed (it only logs the error): such an
 * item is reported as failed here.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', 'dist', 'weapp'));
const EXPECTED_ITEMS = 11;

if (!existsSync(join(root, 'app.json')) || !existsSync(join(root, 'project.config.json'))) {
  console.error(`No weapp build at ${root} (app.json or project.config.json missing): run npm run build:weapp first.`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const ci = require('miniprogram-ci');
const ciVersion = require('miniprogram-ci/package.json').version;
// Chinese item texts, as the DevTools panel shows them (the English ones read as failures even on a pass).
ci.locales.setLocale('zh');
const appid = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')).appid || 'touristappid';

const keyDir = mkdtempSync(join(tmpdir(), 'gongkai-quality-'));
let results;
const thrown = [];
try {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const privateKeyPath = join(keyDir, 'private.key');
  writeFileSync(privateKeyPath, privateKey, { mode: 0o600 });
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: root, privateKeyPath, ignores: ['node_modules/**/*'] });
  // A checker that throws is logged through console.error and then counted as a pass: catch it.
  const originalError = console.error;
  console.error = (...parts) => {
    thrown.push(parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' '));
    originalError(...parts);
  };
  try {
    results = await ci.checkCodeQuality(project);
  } finally {
    console.error = originalError;
  }
} finally {
  rmSync(keyDir, { recursive: true, force: true });
}

const items = results.map((r) => ({ name: r.name, success: r.success && thrown.length === 0, text: r.text, detail: r.detail }));
const passed = items.filter((i) => i.success).length;
const failed = items.length !== EXPECTED_ITEMS || passed !== items.length;

if (json) {
  console.log(JSON.stringify({ root, appid, passed, total: items.length, items, errors: thrown }));
} else {
  console.log(`WeChat code quality (miniprogram-ci ${ciVersion}) on ${relative(process.cwd(), root) || '.'}: ${passed}/${items.length} pass`);
  for (const i of items) {
    const extra = !i.success && Array.isArray(i.detail) && i.detail.length ? `: ${i.detail.slice(0, 5).map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join(', ')}` : '';
    console.log(`  ${i.success ? 'pass' : 'FAIL'}  ${i.name.padEnd(30)} ${i.text ?? ''}${extra}`);
  }
  if (items.length !== EXPECTED_ITEMS) console.error(`Expected ${EXPECTED_ITEMS} items, got ${items.length}.`);
  if (thrown.length) console.error(`A checker threw (miniprogram-ci would have counted it as passed): ${thrown.join('; ')}`);
  if (failed) console.error('Code quality check failed.');
}
process.exit(failed ? 1 : 0);
