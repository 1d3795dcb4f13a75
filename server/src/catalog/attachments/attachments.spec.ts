import type { AttachmentFamily } from '@gongkai/shared';
import { Readable } from 'node:stream';
import { SettableClock } from '../../common/clock/clock';
import type { AppConfig } from '../../config/app-config';
import { sanitizeBody } from '../html-sanitizer';
import { cleanAttachmentName, renamedAttachment } from './attachment-name';
import { AttachmentLinks, bodyFileIds } from './attachment-links';
import { ContentRefused, SniffStream, sniffFamily } from './attachment-sniff';

const ID = '0b8f3c2e-1111-4222-8333-444455556666';

async function through(chunks: Buffer[], allowed: readonly AttachmentFamily[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new SniffStream(allowed))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('sniffFamily', () => {
  it.each([
    ['%PDF-1.7\n', 'pdf'],
    ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00', 'ole'],
    ['PK\x03\x04\x14\x00', 'zip'],
    ['PK\x05\x06\x00\x00', 'zip'],
    ['\xff\xd8\xff\xe0\x00\x10JFIF', 'jpeg'],
    ['\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR', 'png'],
    ['GIF89a\x01\x00\x01\x00', 'gif'],
    ['RIFF\x24\x00\x00\x00WEBPVP8 ', 'webp'],
    ['<!DOCTYPE html><html>', null],
    ['MZ\x90\x00\x03\x00', null],
    ['%PD', null],
    ['', null],
  ])('%j is %s', (start, family) => {
    expect(sniffFamily(Buffer.from(start, 'latin1'))).toBe(family);
  });
});

describe('SniffStream', () => {
  it('passes the bytes through unchanged however they are cut', async () => {
    const pdf = Buffer.from('%PDF-1.4\n' + 'x'.repeat(100), 'latin1');
    const chunks = [pdf.subarray(0, 2), pdf.subarray(2, 3), pdf.subarray(3, 40), pdf.subarray(40)];
    expect((await through(chunks, ['pdf'])).equals(pdf)).toBe(true);
  });

  it('refuses content of another family than the extension allows, and an empty file', async () => {
    await expect(through([Buffer.from('%PDF-1.4\n' + 'x'.repeat(20))], ['zip'])).rejects.toEqual(new ContentRefused('mismatch'));
    await expect(through([Buffer.from('<html><script>alert(1)</script></html>')], ['pdf'])).rejects.toEqual(new ContentRefused('mismatch'));
    await expect(through([], ['pdf'])).rejects.toEqual(new ContentRefused('empty'));
  });

  it('decides a file shorter than the sniffed head at its end', async () => {
    expect((await through([Buffer.from('%PDF-')], ['pdf'])).toString()).toBe('%PDF-');
  });
});

describe('attachment names', () => {
  it('keeps Chinese, drops path parts and control characters', () => {
    expect(cleanAttachmentName('C:\\Users\\张三\\桌面\\招生计划表.xlsx')).toBe('招生计划表.xlsx');
    expect(cleanAttachmentName('../../etc/划片\u0000范围  .pdf')).toBe('划片范围 .pdf');
    expect(cleanAttachmentName('   ')).toBe('');
  });

  it('caps a long name at 200 characters keeping the extension', () => {
    const name = cleanAttachmentName(`${'长'.repeat(300)}.docx`);
    expect(Array.from(name).length).toBe(200);
    expect(name.endsWith('长.docx')).toBe(true);
  });

  it('keeps the uploaded extension when staff rename a file', () => {
    expect(renamedAttachment('附件1：招生计划', '招生计划表.xlsx')).toBe('附件1：招生计划.xlsx');
    expect(renamedAttachment('附件1.XLSX', '招生计划表.xlsx')).toBe('附件1.XLSX');
    expect(renamedAttachment(undefined, '招生计划表.xlsx')).toBe('招生计划表.xlsx');
    expect(renamedAttachment('  ', '招生计划表.xlsx')).toBe('招生计划表.xlsx');
  });
});

describe('AttachmentLinks', () => {
  const clock = new SettableClock(new Date('2026-09-01T00:55:00Z'));
  const links = new AttachmentLinks({ auth: { jwtSecret: 'x'.repeat(40) } } as AppConfig, clock);

  it('signs for about two hours, rounded up to ten minutes', () => {
    const url = new URL(links.signedUrl(ID), 'http://h');
    expect(url.pathname).toBe(`/api/v1/attachments/${ID}`);
    // 00:55 + 2 h = 02:55 UTC, rounded up to 03:00.
    expect(url.searchParams.get('exp')).toBe(String(Date.parse('2026-09-01T03:00:00Z') / 1000));
    expect(links.verify(ID, url.searchParams.get('exp'), url.searchParams.get('sig'))).toBe(true);
  });

  it('refuses another file, a changed expiry, a bad signature and an expired link', () => {
    const url = new URL(links.signedUrl(ID), 'http://h');
    const [exp, sig] = [url.searchParams.get('exp')!, url.searchParams.get('sig')!];
    expect(links.verify(ID.replace('6666', '7777'), exp, sig)).toBe(false);
    expect(links.verify(ID, String(Number(exp) + 600), sig)).toBe(false);
    expect(links.verify(ID, exp, sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).toBe(false);
    expect(links.verify(ID, exp, undefined)).toBe(false);
    expect(links.verify(ID, ['1'], sig)).toBe(false);
    const later = new AttachmentLinks({ auth: { jwtSecret: 'x'.repeat(40) } } as AppConfig, new SettableClock(new Date('2026-09-01T03:00:01Z')));
    expect(later.verify(ID, exp, sig)).toBe(false);
  });

  it('signs the uploaded images of a body, which the sanitiser stores plain again', () => {
    const body = sanitizeBody(`<p>图：<img src="/api/v1/attachments/${ID}" alt="划片图" /><img src="https://x.gov.cn/a.png" /></p>`);
    expect(bodyFileIds(body)).toEqual([ID]);
    const signed = links.signBody(body);
    expect(signed).toMatch(new RegExp(`<img src="/api/v1/attachments/${ID}\\?exp=\\d+&amp;sig=[\\w-]{43}" alt="划片图" />`));
    expect(signed).toContain('<img src="https://x.gov.cn/a.png" />');
    expect(sanitizeBody(signed)).toBe(body);
  });
});
