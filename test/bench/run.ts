import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * Entry of `npm run bench` (`node -r @swc-node/register test/bench/run.ts`).
 *
 * @swc-node/register takes its compiler options from ./tsconfig.json or SWC_NODE_PROJECT, read
 * once when the hook loads. The repository root has no tsconfig.json, so the hook compiles without
 * decorator support and the first TypeORM entity fails to parse. This file therefore imports
 * nothing decorated: it re-runs itself once with SWC_NODE_PROJECT=test/tsconfig.json
 * (experimentalDecorators, emitDecoratorMetadata, useDefineForClassFields false, the
 * @gongkai/shared path), and that second process runs the bench.
 */
const CHILD_MARK = 'GONGKAI_BENCH_CHILD';

function relaunch(): void {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SWC_NODE_PROJECT: resolve(__dirname, '../tsconfig.json'), [CHILD_MARK]: '1' },
    cwd: join(__dirname, '../..'),
  });
  // Ctrl+C reaches the whole process group; a `kill <pid>` of this process is passed on. Either
  // way the bench process cleans up and this one leaves with its exit code.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1)));
}

if (require.main === module) {
  if (process.env[CHILD_MARK] !== '1') {
    relaunch();
  } else {
    // Loaded only here, where the hook understands decorators.
    import('./bench')
      .then(({ main }) => main())
      .then((code) => process.exit(code))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(2);
      });
  }
}
