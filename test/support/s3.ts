import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const TEST_BUCKET = 'gongkai-test';

export interface TestS3 {
  /** STORAGE_S3_* for loadConfig / startServer: the server then stores files in this bucket. */
  env: Record<string, string>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Runs in the child: s3rver on a random port of 127.0.0.1, printing the port; it exits when the
 * test process is gone, so a crashed jest worker leaves no server behind.
 */
const CHILD = `
const S3rver = require(process.argv[1]);
const [directory, bucket, parent] = process.argv.slice(2);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  .run()
  .then((address) => console.log(JSON.stringify({ port: address.port })), (error) => { console.error(error); process.exit(1); });
setInterval(() => { try { process.kill(Number(parent), 0); } catch { process.exit(0); } }, 1000).unref();
process.stdin.on('end', () => process.exit(0)).resume();
`;

/**
 * A local S3-compatible server (s3rver: the S3 REST protocol with signature V4 checks, objects in
 * a temp directory) with an empty bucket, in a child process. Not a mock: the server's
 * S3ObjectStore talks HTTP to it as to MinIO or COS. A child process because s3rver's
 * ListObjectsV2 continuation tokens use DES, which OpenSSL 3 offers only with the legacy provider
 * (a node flag), and so its memory stays out of the test process's.
 */
export async function startS3(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'gongkai-s3-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD, require.resolve('s3rver'), directory, TEST_BUCKET, String(process.pid)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${stderr}`)));
  });
  const env = {
    STORAGE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    STORAGE_S3_BUCKET: TEST_BUCKET,
    // s3rver's built-in account; it checks every request's signature with it.
    STORAGE_S3_ACCESS_KEY: 'S3RVER',
    STORAGE_S3_SECRET_KEY: 'S3RVER',
    STORAGE_S3_FORCE_PATH_STYLE: 'true',
  };
  let stopped = false;
  return {
    env,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      child.stdin.end(); // the child exits when its stdin closes
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

