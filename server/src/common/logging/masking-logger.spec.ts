import { MaskingLogger } from './masking-logger';
import { maskPersonalData } from './mask';

/** What the logger writes to stdout and stderr while `run` runs. */
function written(run: () => void): string {
  const chunks: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks.join('');
}

describe('masking personal data in log lines', () => {
  it('masks mainland mobiles, ID numbers and landlines, and leaves other numbers alone', () => {
    expect(maskPersonalData('电话 13812345678，身份证 37072519800101123X，座机 0536-6212345')).toBe('电话 138****5678，身份证 370725***********X，座机 0536-****2345');
    expect(maskPersonalData('+86 15900001111 and 8613700002222')).toBe('+86 159****1111 and 86137****2222');
    expect(maskPersonalData('notice 12345, at 1798934400000, id 8ed4549c-ece1-44ff-b4c8-e4763a526725, 2026-12-05')).toBe(
      'notice 12345, at 1798934400000, id 8ed4549c-ece1-44ff-b4c8-e4763a526725, 2026-12-05',
    );
  });

  it('masks every line the logger prints: messages, objects, stacks, and JSON lines', () => {
    const text = written(() => {
      const logger = new MaskingLogger({ logLevels: ['log', 'error'] });
      logger.log('parent 13812345678 asked');
      logger.log({ phone: '13912345678' });
      logger.error('failed', 'Error: 370725198001011234\n    at run (app.ts:1:2)');
    });
    expect(text).toContain('138****5678');
    expect(text).toContain('139****5678');
    expect(text).toContain('370725***********4');
    expect(text).not.toMatch(/13812345678|13912345678|370725198001011234/);

    const json = written(() => {
      const logger = new MaskingLogger({ json: true, logLevels: ['log', 'error'] });
      logger.log({ note: 'call 13812345678' });
      logger.error('failed 13812345678', 'Error: 370725198001011234\n    at run (app.ts:1:2)');
    });
    const lines = json.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'log', message: { note: 'call 138****5678' } }),
      expect.objectContaining({ level: 'error', message: 'failed 138****5678', stack: 'Error: 370725***********4\n    at run (app.ts:1:2)' }),
    ]);
  });
});
