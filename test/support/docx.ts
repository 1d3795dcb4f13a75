import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * Word documents for the import tests, written at test time by the `docx` package (the OOXML
 * Word itself writes: styles.xml with Title and Heading 1, numbering.xml for bullets, media/ for
 * pictures), so the fixture is a real .docx and not a hand-made imitation.
 */

/** A 4 × 3 PNG (solid red), made by sharp. */
export function aPng(): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 3, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

/** A 2 × 2 24-bit BMP: a picture type Word keeps and web pages do not show. */
export function aBmp(): Buffer {
  const header = Buffer.alloc(54);
  const pixels = Buffer.alloc(16, 0x80); // 2 rows of 2 pixels × 3 bytes, each row padded to 8
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  return Buffer.concat([header, pixels]);
}

/** A .docx whose body is `children`. */
export function wordDocument(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/**
 * The import's fixture, as a bureau writes a notice: a Title, the 文号 centred under it, a
 * salutation, a Heading 1, a paragraph with bold words, a two-item bullet list, a 2 × 2 table and
 * a picture (a PNG without alt text).
 */
export async function aNoticeDocument(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)], width: { size: 2000, type: WidthType.DXA } });
  return wordDocument([
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('关于做好2026年秋季义务教育招生工作的通知')] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('某县教发〔2026〕12号')] }),
    new Paragraph('各中小学：'),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、招生范围')] }),
    new Paragraph({ children: [new TextRun('适龄儿童'), new TextRun({ text: '须在规定时间内', bold: true }), new TextRun('完成网上报名。')] }),
    new Paragraph({ text: '户口簿', bullet: { level: 0 } }),
    new Paragraph({ text: '房产证明', bullet: { level: 0 } }),
    new Table({
      rows: [new TableRow({ children: [cell('学校'), cell('计划')] }), new TableRow({ children: [cell('第一小学'), cell('360')] })],
    }),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: await aPng(), transformation: { width: 40, height: 30 } })] }),
  ]);
}

/** Word 97–2003's container: the OLE compound-file signature, then a sector of padding. */
export function aDocFile(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
}

/**
 * The .docx with the central directory claiming `size` bytes unpacked for `part` (a zip bomb's
 * claim, without its bytes): the 32-bit uncompressed-size field of that entry, rewritten.
 */
export function withDeclaredSize(docx: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(docx);
  const name = Buffer.from(part, 'utf8');
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at !== -1 && at + 46 <= out.length; at = out.indexOf(signature, at + 1)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (nameLength === name.length && out.subarray(at + 46, at + 46 + nameLength).equals(name)) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${part}`);
}

/** A ZIP of `files`, stored (not compressed), written field by field: for documents the `docx` package would never write. */
export function aZip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const name = Buffer.from(path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
