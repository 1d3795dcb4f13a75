#!/usr/bin/env node
/**
 * The JavaScript a phone downloads before the home page can draw, gzip-compressed, against the
 * budget of 250 KB (250,000 bytes): the scripts index.html loads (the entry) plus the chunks the
 * home page's route imports before it renders. The build lists both in `.chunks.json`
 * (config/index.ts, PageChunksPlugin). Sizes are those of the build's own `.gz` files (what the
 * server sends); a file without one is gzipped here at level 9.
 * Exits 1 over budget, 2 when there is no build to measure.
 *
 *   node scripts/check-h5-size.mjs [dist/h5] [--json]      (npm run size:h5 -w @gongkai/miniprogram)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZ = 250_000;
const HOME = './pages/index/index';
/** Also shown (not gated): the page a shared link opens. */
const OTHERS = ['./pages/notice/detail'];

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', 'dist', 'h5'));
const manifestPath = join(root, '.chunks.json');
if (!existsSync(manifestPath)) {
  console.error(`No H5 build with .chunks.json at ${root}: run npm run build:h5 first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = Object.values(manifest.entry).flat();

function sizes(file) {
  const path = join(root, file);
  const raw = statSync(path).size;
  const gz = existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(readFileSync(path), { level: 9 }).length;
  const br = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, raw, gz, br };
}

function initialJs(page) {
  const lazy = manifest.lazy[page];
  if (!lazy) throw new Error(`.chunks.json lists no chunks for ${page}`);
  const files = [...new Set([...entry, ...lazy])].filter((f) => f.endsWith('.js')).map(sizes);
  const sum = (key) => files.reduce((n, f) => n + f[key], 0);
  return { page, files, raw: sum('raw'), gz: sum('gz'), br: sum('br') };
}

const home = initialJs(HOME);
const others = OTHERS.filter((p) => manifest.lazy[p]).map(initialJs);
const ok = home.gz <= BUDGET_GZ;
if (json) {
  console.log(JSON.stringify({ budgetGz: BUDGET_GZ, ok, home, others }));
} else {
  const kb = (n) => `${(n / 1000).toFixed(1).padStart(7)} KB`;
  console.log(`H5 initial JavaScript (${relative(process.cwd(), root) || '.'}):`);
  for (const r of [home, ...others]) {
    console.log(`  ${r.page}: ${r.files.length} files, ${kb(r.raw)} raw, ${kb(r.gz)} gzip, ${kb(r.br)} brotli`);
    for (const f of r.files) console.log(`      ${f.file.padEnd(32)} ${kb(f.raw)} ${kb(f.gz)} ${kb(f.br)}`);
  }
  console.log(`  ${ok ? 'ok  ' : 'OVER'}  home page gzip ${kb(home.gz)}   budget ${kb(BUDGET_GZ)}`);
}
if (!ok) {
  if (!json) console.error('H5 initial JavaScript budget exceeded.');
  process.exit(1);
}
