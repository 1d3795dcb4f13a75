#!/usr/bin/env node
/**
 * Sizes of the weapp build's main package and each subpackage (as app.json declares them), against
 * budgets: main ≤ 1.2 MB (ours; WeChat allows 2 MB), each subpackage ≤ 2 MB, all ≤ 20 MB (WeChat's).
 * Exits 1 when a budget is exceeded, 2 when there is no build to measure.
 *
 *   node scripts/check-size.mjs [dist/weapp]      (npm run size -w @gongkai/miniprogram)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const BUDGET = { main: 1.2 * MB, subpackage: 2 * MB, total: 20 * MB };
// Not part of the uploaded code package.
const IGNORED = [/^project(\.private)?\.config\.json$/, /\.map$/, /(^|\/)\.DS_Store$/];

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', 'dist', 'weapp'));
const appJsonPath = join(root, 'app.json');
if (!existsSync(appJsonPath)) {
  console.error(`No weapp build at ${root} (app.json missing): run npm run build:weapp first.`);
  process.exit(2);
}

const app = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

const sizes = { main: 0 };
for (const r of subRoots) sizes[r] = 0;
for (const file of files(root)) {
  const rel = relative(root, file).split(sep).join('/');
  if (IGNORED.some((re) => re.test(rel))) continue;
  const owner = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
  sizes[owner] += statSync(file).size;
}

const fmt = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
const rows = [];
let failed = false;
const check = (name, size, budget) => {
  const ok = size <= budget;
  if (!ok) failed = true;
  rows.push(`${ok ? 'ok  ' : 'OVER'}  ${name.padEnd(22)} ${fmt(size)}   budget ${fmt(budget)}`);
};
check('main package', sizes.main, BUDGET.main);
for (const r of subRoots) check(r, sizes[r], BUDGET.subpackage);
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
check('total', total, BUDGET.total);

console.log(`weapp package sizes (${relative(process.cwd(), root) || '.'}):`);
for (const row of rows) console.log(`  ${row}`);
if (failed) {
  console.error('Package size budget exceeded.');
  process.exit(1);
}
