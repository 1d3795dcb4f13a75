import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AlignmentType, Bookmark, ExternalHyperlink, HeadingLevel, ImageRun, InternalHyperlink, Paragraph, TextRun } from 'docx';
import type { ErrorBody, WordImportResult } from '@gongkai/shared';
import { FilesService } from '../../../server/src/storage/files.service';
import { ContractError, contractOf } from '../../contract/contract-check';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import { aNotice, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { aBmp, aDocFile, aNoticeDocument, aPng, aZip, withDeclaredSize, wordDocument } from '../../support/docx';
import { readStored } from '../../support/storage';
import { startTestServer, type TestServer } from '../../support/test-server';

const PATH = '/api/v1/staff/notices/import-word';

/** Posts a file as the compose page does (multipart, field `file`); the answer is checked against the OpenAPI document. */
async function importWord(client: ApiClient, bytes: Buffer, filename = '通知.docx'): Promise<ApiResponse<WordImportResult & Partial<ErrorBody>>> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), filename);
  const res = await fetch(`${client.baseUrl}${PATH}`, { method: 'POST', body: form, headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
  const text = await res.text();
  const body = JSON.parse(text);
  const violation = (await contractOf(client.baseUrl)).check('POST', PATH, res.status, res.headers.get('content-type'), text, body);
  if (violation) throw new ContractError(violation);
  return { status: res.status, headers: res.headers, body, text };
}

describe('Word import', () => {
  let server: TestServer;
  let admin: ApiClient;
  let editor: ApiClient;

  beforeAll(async () => {
    // UPLOAD_MAX_BYTES low enough to reach the limit with a small file (the import takes min(it, 20 MB)).
    server = await startTestServer({ UPLOAD_MAX_BYTES: String(64 * 1024) });
    ({ admin } = await bootstrapAdmin(server));
    await aUnit(admin, 'WORD00000000000001', '基础教育科');
    editor = await aStaff(admin, 'word-editor', 'WORD00000000000001', ['editor']);
  });

  afterAll(() => server?.destroy());

  it('turns a .docx into the editor body, takes the title and 文号, and stores its picture; a draft saves with both', async () => {
    const res = await importWord(editor, await aNoticeDocument());
    expect(res.status).toBe(200);
    const png = await aPng();
    const fileId = res.body.images[0]?.fileId;
    expect(res.body).toEqual({
      title: '关于做好2026年秋季义务教育招生工作的通知',
      documentNo: '某县教发〔2026〕12号',
      bodyHtml:
        '<p>各中小学：</p>' +
        '<h2>一、招生范围</h2>' +
        '<p>适龄儿童<strong>须在规定时间内</strong>完成网上报名。</p>' +
        '<ul><li>户口簿</li><li>房产证明</li></ul>' +
        '<table><tr><td><p>学校</p></td><td><p>计划</p></td></tr><tr><td><p>第一小学</p></td><td><p>360</p></td></tr></table>' +
        `<p><img alt="图片1" src="/api/v1/attachments/${fileId}" /></p>`,
      images: [{ fileId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: '图片1.png', size: expect.any(Number), contentType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), url: expect.stringMatching(new RegExp(`^/api/v1/attachments/${fileId}\\?exp=\\d+&sig=[\\w-]{43}$`)) }],
      warnings: [],
    });

    // Stored as the editor's pending upload: the PNG's pixels, encoded again (no metadata rides along); staff open it with the signed link.
    const files = server.app.get(FilesService);
    const file = (await files.find(fileId!))!;
    const stored = await readStored(files, file);
    expect(file).toMatchObject({ purpose: 'attachment', state: 'pending', name: '图片1.png', contentType: 'image/png', size: stored.length, sha256: createHash('sha256').update(stored).digest('hex') });
    expect({ size: res.body.images[0]!.size, sha256: res.body.images[0]!.sha256 }).toEqual({ size: file.size, sha256: file.sha256 });
    expect(await sharp(stored).raw().toBuffer()).toEqual(await sharp(png).raw().toBuffer());
    const download = await fetch(`${server.baseUrl}${res.body.images[0]!.url}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(stored)).toBe(true);

    // The compose form saves what it got: the body is kept as it is, the picture attached (and claimed).
    const draft = await editor.post('/staff/notices', aNotice().titled(res.body.title!).with({ documentNo: res.body.documentNo!, bodyHtml: res.body.bodyHtml, attachments: [{ fileId: fileId! }] }).build());
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ title: '关于做好2026年秋季义务教育招生工作的通知', documentNo: '某县教发〔2026〕12号' });
    expect(draft.body.attachments).toEqual([expect.objectContaining({ fileId, name: '图片1.png', contentType: 'image/png' })]);
    // Staff views sign the picture's link; without the signature the body is what the import gave.
    expect(draft.body.bodyHtml.replace(/\?exp=\d+&amp;sig=[\w-]+/g, '')).toBe(res.body.bodyHtml);
    expect((await files.find(fileId!))!.state).toBe('in_use');
  });

  it('finds a plain centred title under the masthead and 文号, maps headings to h3 and h4, and drops bookmarks and links into the document', async () => {
    const doc = await wordDocument([
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '某县教育局文件', bold: true })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('某县教发〔2026〕13号')] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '关于公布2026年学校划片范围的通知', bold: true })] }),
      new Paragraph('各中小学：'),
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new Bookmark({ id: '_Toc1', children: [new TextRun('（一）小学')] })] }),
      new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('1. 第一小学')] }),
      new Paragraph({
        children: [
          new TextRun({ text: '详见', italics: true }),
          new TextRun({ text: '附件', underline: {} }),
          new TextRun('，见'),
          new InternalHyperlink({ anchor: '_Toc1', children: [new TextRun('上文')] }),
          new TextRun('或'),
          new ExternalHyperlink({ link: 'https://jyj.example.gov.cn/', children: [new TextRun('教育局网站')] }),
        ],
      }),
      new Paragraph({ heading: HeadingLevel.HEADING_4, children: [new TextRun('说明')] }),
    ]);
    const res = await importWord(editor, doc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      title: '关于公布2026年学校划片范围的通知',
      documentNo: '某县教发〔2026〕13号',
      // The masthead stays: only what is returned in a field leaves the body.
      bodyHtml:
        '<p><strong>某县教育局文件</strong></p><p>各中小学：</p><h3>（一）小学</h3><h4>1. 第一小学</h4>' +
        '<p><em>详见</em><u>附件</u>，见上文或<a href="https://jyj.example.gov.cn/" rel="noopener noreferrer" target="_blank">教育局网站</a></p><h4>说明</h4>',
      images: [],
      warnings: [],
    });
  });

  it('keeps pictures of web formats only, each distinct one once, and says what it left out', async () => {
    const png = await aPng();
    const picture = (type: 'png' | 'bmp', data: Buffer, description?: string) =>
      new Paragraph({ children: [new ImageRun({ type, data, transformation: { width: 20, height: 15 }, ...(description ? { altText: { name: description, title: description, description } } : {}) })] });
    const doc = await wordDocument([new Paragraph({ children: [new TextRun('现将划片图发给你们。')] }), picture('bmp', aBmp()), picture('png', png, '划片示意图'), picture('png', png)]);
    const res = await importWord(editor, doc);
    expect(res.status).toBe(200);
    const id = res.body.images[0]!.fileId;
    expect(res.body).toMatchObject({
      title: null,
      documentNo: null,
      bodyHtml: `<p>现将划片图发给你们。</p><p><img alt="划片示意图" src="/api/v1/attachments/${id}" /></p><p><img alt="图片1" src="/api/v1/attachments/${id}" /></p>`,
      images: [expect.objectContaining({ name: '图片1.png' })],
      warnings: ['有 1 张图片为 BMP 格式，网页无法显示，未导入；可在 Word 中另存为 PNG 或 JPG 后作为附件上传'],
    });
  });

  it('asks for a .docx when given a .doc, and refuses other files by their content', async () => {
    const doc = await importWord(editor, aDocFile(), '通知.doc');
    expect(doc.status).toBe(400);
    expect(doc.body).toEqual({ statusCode: 400, code: 'WORD_DOC_UNSUPPORTED', message: '暂不支持 .doc 格式，请在 Word 或 WPS 中另存为 .docx 后再导入' });
    // A PDF named .docx is still a PDF.
    const pdf = await importWord(editor, Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), '通知.docx');
    expect(pdf.status).toBe(400);
    expect(pdf.body).toEqual({ statusCode: 400, code: 'UNSUPPORTED_FILE_TYPE', message: '请上传 Word 文档（.docx）' });
    const xlsx = await importWord(editor, aZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }), '计划.docx');
    expect(xlsx.body.code).toBe('UNSUPPORTED_FILE_TYPE');
  });

  it('refuses a document whose directory claims more than 100 MB unpacked, and corrupt ones, with a 400 in Chinese', async () => {
    const real = await aNoticeDocument();
    const bomb = await importWord(editor, withDeclaredSize(real, 'word/document.xml', 0x7fffffff));
    expect(bomb.status).toBe(400);
    expect(bomb.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Word 文档解压后超过 100 MB（多为图片过大），请在 Word 中压缩图片后再导入',
      details: [{ field: 'file', message: 'Word 文档解压后超过 100 MB（多为图片过大），请在 Word 中压缩图片后再导入' }],
    });
    const corrupt = 'Word 文档已损坏或无法读取，请在 Word 或 WPS 中打开后另存为 .docx 再导入';
    // A directory that understates a part (the bytes inflate to more), a file cut in half, XML that does not parse, no body.
    for (const bytes of [
      withDeclaredSize(real, 'word/document.xml', 100),
      real.subarray(0, Math.floor(real.length / 2)),
      aZip({ 'word/document.xml': '<w:document><w:body><w:p>' }),
      aZip({ 'word/document.xml': '<?xml version="1.0"?><a/>' }),
    ]) {
      const res = await importWord(editor, bytes);
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({ status: 400, code: 'VALIDATION_FAILED', message: corrupt });
    }
  });

  it('refuses a document past the upload limit with 413, and the route to staff who may not draft', async () => {
    const big = await importWord(editor, Buffer.concat([await aNoticeDocument(), Buffer.alloc(64 * 1024)]));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Word 文档不能超过 64 KB' });
    // Far past it: refused by its Content-Length, before the body is read.
    const huge = await importWord(editor, Buffer.alloc(1024 * 1024));
    expect({ status: huge.status, message: huge.body.message, connection: huge.headers.get('connection') }).toEqual({ status: 413, message: 'Word 文档不能超过 64 KB', connection: 'close' });
    const publisher = await aStaff(admin, 'word-publisher', 'WORD00000000000001', ['publisher']);
    expect((await importWord(publisher, await aNoticeDocument())).status).toBe(403);
    expect((await importWord(editor.as(''), await aNoticeDocument())).status).toBe(401);
  });
});
