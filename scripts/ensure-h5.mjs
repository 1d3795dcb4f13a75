#!/usr/bin/env node
// Builds the H5 app when its output is missing or was built from other sources, so `npm start`
// and `npm test` always serve the current app without rebuilding it every time.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'miniprogram/dist/h5');
const stamp = join(out, '.source-hash');
const inputs = ['miniprogram/src', 'miniprogram/config', 'miniprogram/package.json', 'miniprogram/babel.config.js', 'miniprogram/tsconfig.json', 'shared/src', 'package-lock.json'];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap((p) => files(join(root, p)))) {
  if (file.endsWith('.spec.ts') || file.endsWith('.spec.tsx')) continue;
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
// Build-time variables are baked into the bundle, so they are part of what it was built from.
for (const [key, value] of Object.entries(process.env).filter(([k]) => k.startsWith('TARO_APP_')).sort()) hash.update(`${key}=${value}\0`);
const current = hash.digest('hex');

// The server sends the build's precompressed copies and the size check reads .chunks.json: a build without them is an older one.
const complete = ['index.html.br', 'index.html.gz', '.chunks.json'].every((name) => existsSync(join(out, name)));
if (complete && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === current) {
  console.log('H5 app is up to date');
} else {
  console.log(existsSync(out) ? 'H5 app is stale: rebuilding' : 'H5 app is not built yet: building');
  execSync('npm run build:h5 -w @gongkai/miniprogram', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, `${current}\n`);
}
