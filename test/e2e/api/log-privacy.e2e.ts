import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import type { ApiClient } from '../../support/api-client';
import { aParent, bootstrapAdmin } from '../../support/builders';
import { anInquiry } from '../../support/inquiry-builders';
import { startTestServer, type TestServer } from '../../support/test-server';

const PHONE = '13812345678';
const ID_NUMBER = '370725198001011234';

/** What the server process writes to stdout and stderr while `run` runs (its logger writes there). */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (originals[i] as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  });
  try {
    await run();
  } finally {
    streams.forEach((stream, i) => (stream.write = originals[i]));
  }
  return chunks.join('');
}

describe('no personal data in logs', () => {
  const wechat = new FakeWechat();
  let server: TestServer;
  let parent: ApiClient;
  const mysql = () => server.config.database.type === 'mysql';

  beforeAll(async () => {
    await wechat.start();
    server = await startTestServer(wechat.env());
    const { anonymous } = await bootstrapAdmin(server);
    parent = await aParent(anonymous, wechat, { openid: 'o-log-parent' });
  });

  afterAll(async () => {
    await server?.destroy();
    await wechat.stop();
  });

  it('logs a failed write by its error code, without the phone or ID number it carried', async () => {
    // The database refuses every new inquiry, as a full disk or a broken replica would.
    await server.dataSource.query(
      mysql()
        ? "CREATE TRIGGER refuse_inquiry BEFORE INSERT ON inquiry FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'"
        : "CREATE TRIGGER refuse_inquiry BEFORE INSERT ON inquiry BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    let status = 0;
    let requestId = '';
    const log = await captureOutput(async () => {
      const res = await parent.post('/inquiries', anInquiry({ phone: PHONE, content: `我的孩子身份证号 ${ID_NUMBER}，电话 ${PHONE}，请问何时报名？` }));
      status = res.status;
      requestId = res.body.requestId;
    });
    await server.dataSource.query('DROP TRIGGER refuse_inquiry');

    expect(status).toBe(500);
    expect(log).toContain(mysql() ? 'ER_SIGNAL_EXCEPTION' : 'SQLITE_CONSTRAINT_TRIGGER');
    expect(log).toContain(requestId);
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain(ID_NUMBER);
    expect(log).not.toContain('请问何时报名');
  });
});
