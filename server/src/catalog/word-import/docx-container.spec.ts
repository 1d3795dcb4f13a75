import { crc32, deflateRawSync } from 'node:zlib';
import { checkDocx, readCentralDirectory, type DocxRefusal } from './docx-container';

interface Part {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** The uncompressed size the archive states, when it should lie. */
  declared?: number;
  /** Write the sizes in a ZIP64 extra field (0xFFFFFFFF in the 32-bit fields). */
  zip64?: boolean;
}

/** A ZIP archive written field by field (APPNOTE 4.3), so a test can make it say what it likes. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? 8;
    const body = method === 8 ? deflateRawSync(part.data) : part.data;
    const size = part.declared ?? part.data.length;
    const name = Buffer.from(part.name, 'utf8');
    const extra = part.zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (part.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(part.zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(part.zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name, extra);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCUMENT = Buffer.from('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
const refusal = (bytes: Buffer): Promise<DocxRefusal | 'ok'> =>
  checkDocx(bytes).then(
    () => 'ok',
    (error: { reason?: DocxRefusal }) => {
      if (!error.reason) throw error;
      return error.reason;
    },
  );

describe('checkDocx', () => {
  it('takes a ZIP with a Word main part, stored or deflated, sizes in ZIP64 fields too', async () => {
    expect(await refusal(zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>'), method: 0 }, { name: 'word/document.xml', data: DOCUMENT }]))).toBe('ok');
    expect(await refusal(zip([{ name: 'word/document2.xml', data: DOCUMENT, zip64: true }]))).toBe('ok');
  });

  it('tells a .doc, and a password-protected .docx, from other files', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusal(ole)).toBe('doc');
    expect(await refusal(Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]))).toBe('encrypted');
    expect(await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('not_docx');
    expect(await refusal(Buffer.alloc(0))).toBe('not_docx');
    // An .xlsx is a ZIP too, without word/document.xml.
    expect(await refusal(zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]))).toBe('not_docx');
  });

  it('refuses what its central directory says is over 100 MB unpacked, before inflating anything', async () => {
    const declared = zip([
      { name: 'word/document.xml', data: DOCUMENT },
      { name: 'word/media/image1.png', data: Buffer.alloc(10), declared: 60 * 1024 * 1024 },
      { name: 'word/media/image2.png', data: Buffer.alloc(10), declared: 60 * 1024 * 1024 },
    ]);
    expect(await refusal(declared)).toBe('too_large');
    expect(() => readCentralDirectory(zip([{ name: 'a', data: Buffer.alloc(1) }, { name: 'b', data: Buffer.alloc(1) }]), { unpackedMax: 100, entriesMax: 1 })).toThrow('too_large');
  });

  it('refuses an entry that inflates to more than it declares (a directory that lies), and one that is cut short', async () => {
    const lying = zip([{ name: 'word/document.xml', data: Buffer.alloc(1024 * 1024), declared: 1000 }]);
    expect(lying.length).toBeLessThan(2000); // 1 MB of zeros deflates to about a kilobyte
    expect(await refusal(lying)).toBe('corrupt');
    const good = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document>'.repeat(200)) }]);
    expect(await refusal(good.subarray(0, good.length - 30))).toBe('corrupt');
    const flipped = Buffer.from(good);
    flipped.fill(0xff, 40, 60); // inside the deflated data
    expect(await refusal(flipped)).toBe('corrupt');
  });
});
