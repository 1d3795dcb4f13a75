import { NOTICE_LIMITS } from '@gongkai/shared';
import mammoth from 'mammoth';
import { createHash } from 'node:crypto';
import { IMAGE_PIXELS_MAX, ImageRefused, reencodeImage } from '../../storage/images/image-reencode';
import type { ImageType } from '../../storage/images/image-sniff';
import { sniffFamily } from '../attachments/attachment-sniff';
import { sanitizeBody } from '../html-sanitizer';
import { recogniseHead, type HeadParagraph } from './document-head';
import { DocxRefused } from './docx-container';

/** The image types a notice body shows (every browser and WeChat display them). */
const IMAGE_TYPES: Partial<Record<string, ImageType>> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const EXTENSIONS: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** A picture of the document to keep: `name` is 图片1.png, 图片2.jpg … in the order they appear. */
export interface DocxImage {
  bytes: Buffer;
  contentType: ImageType;
  name: string;
}

export interface DocxImages {
  /** Stores a picture and answers the address the body's <img> shows it at. */
  store(image: DocxImage): Promise<string>;
  /** Larger pictures are left out (the attachment size limit). */
  maxBytes: number;
}

export interface ConvertedDocx {
  title: string | null;
  documentNo: string | null;
  /** Sanitised as a saved body is (sanitizeBody): the same tags the editor keeps. */
  bodyHtml: string;
  warnings: string[];
}

/**
 * Word's styles to the editor's tags (BODY_ALLOWED_TAGS): headings 1, 2 and 3+ to h2, h3, h4 (the
 * notice's title is the page's h1), a Title or Subtitle left in the body to h2 / h3, underline
 * kept; bold, italic, strikethrough, lists, tables, links and footnotes as mammoth's defaults
 * write them. Style names match case-insensitively; 标题 n is how Chinese tools may name them.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h2:fresh",
  "p[style-name='标题'] => h2:fresh",
  "p[style-name='Subtitle'] => h3:fresh",
  "p[style-name='副标题'] => h3:fresh",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => {
    const tag = n === 1 ? 'h2' : n === 2 ? 'h3' : 'h4';
    return [`p[style-name='heading ${n}'] => ${tag}:fresh`, `p[style-name='标题 ${n}'] => ${tag}:fresh`, `p.Heading${n} => ${tag}:fresh`];
  }),
  'u => u',
];

/** The table of contents: its entries are page numbers and links into the document, meaningless on a web page. */
const TOC_STYLE = /^(?:toc \d|toc heading|目录 ?\d?)$/iu;

type Element = { type: string; children?: Element[]; [key: string]: unknown };
type Paragraph = Element & { styleName: string | null; alignment: string | null; numbering: unknown };

/**
 * Converts a checked .docx (checkDocx) to a notice body with mammoth: the title and 文号 taken
 * out (recogniseHead), the table of contents, bookmarks and links into the document itself
 * dropped, each picture kept only when it is a PNG, JPEG, GIF or WebP by its bytes, re-encoded
 * without metadata (reencodeImage) and stored through `images.store` (the same picture once), at
 * most NOTICE_LIMITS.attachmentsMax of them.
 * What could not be kept is said in `warnings`, in Chinese. A document mammoth cannot read
 * rejects with DocxRefused('corrupt'); a failure of `store` rejects with that failure.
 */
export async function convertDocx(bytes: Buffer, images: DocxImages): Promise<ConvertedDocx> {
  let head: ReturnType<typeof recogniseHead> = { title: null, documentNo: null };
  let tocDropped = false;
  const pictures = new PictureKeeper(images);

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        // A style map inside the document would let it choose its own HTML.
        includeEmbeddedStyleMap: false,
        // Pictures linked from outside the file (r:link) are never fetched.
        externalFileAccess: false,
        transformDocument: (document: Element) => {
          const top = (document.children ?? []).filter((child) => {
            const toc = child.type === 'paragraph' && TOC_STYLE.test(((child as Paragraph).styleName ?? '').trim());
            tocDropped ||= toc;
            return !toc;
          });
          const paragraphs: Paragraph[] = [];
          for (const child of top) {
            if (child.type !== 'paragraph') break; // the top ends at the first table
            paragraphs.push(child as Paragraph);
          }
          head = recogniseHead(paragraphs.map(headParagraph));
          const taken = new Set([head.title?.index, head.documentNo?.index].filter((i) => i !== undefined).map((i) => paragraphs[i!]));
          return tidy({ ...document, children: top.filter((child) => !taken.has(child as Paragraph)) });
        },
        convertImage: mammoth.images.imgElement((image) => pictures.keep(image)),
      },
    );
  } catch {
    // No main part, XML that does not parse, a relationship to nothing: mammoth's and jszip's
    // errors are plain Errors (or TypeErrors from a part shaped unlike what it expects), all the document's doing.
    throw pictures.failure ?? new DocxRefused('corrupt');
  }
  if (pictures.failure) throw pictures.failure;

  const bodyHtml = sanitizeBody(result.value);
  const warnings = [...translateMessages(result.messages), ...pictures.warnings()];
  if (tocDropped) warnings.push('文档中的目录未导入（网页上无需目录）');
  if (bodyHtml.length > NOTICE_LIMITS.bodyMax) warnings.push(`导入的正文有 ${bodyHtml.length} 个字符，超过正文上限 ${NOTICE_LIMITS.bodyMax}，请删减后再保存`);
  return { title: head.title?.text ?? null, documentNo: head.documentNo?.text ?? null, bodyHtml, warnings: [...new Set(warnings)] };
}

/** Drops bookmarks (an empty <a id> each) and unwraps links to places in the document itself (their targets are gone). */
function tidy(element: Element): Element {
  if (!element.children) return element;
  const children: Element[] = [];
  for (const child of element.children) {
    if (child.type === 'bookmarkStart') continue;
    if (child.type === 'hyperlink' && !child.href) children.push(...(tidy(child).children ?? []));
    else children.push(tidy(child));
  }
  return { ...element, children };
}

function headParagraph(p: Paragraph): HeadParagraph {
  const runs: { bold: boolean; text: string }[] = [];
  const walk = (element: Element, bold: boolean): string => {
    if (element.type === 'text') return String(element.value ?? '');
    if (element.type === 'tab' || element.type === 'break') return ' ';
    const inRun = element.type === 'run' ? Boolean(element.isBold) : bold;
    const text = (element.children ?? []).map((child) => walk(child, inRun)).join('');
    if (element.type === 'run') runs.push({ bold: inRun, text });
    return text;
  };
  const text = walk(p, false);
  const withText = runs.filter((r) => r.text.trim());
  return {
    text,
    styleName: p.styleName,
    centred: p.alignment === 'center' || p.alignment === 'centre',
    bold: withText.length > 0 && withText.every((r) => r.bold),
    listItem: p.numbering != null,
  };
}

/** The document's pictures as the body keeps them: numbered in order, each distinct one stored once. */
class PictureKeeper {
  failure: unknown = null;
  private seen = 0;
  private readonly stored = new Map<string, { src: string; alt: string }>();
  private readonly unsupported = new Map<string, number>();
  private unreadable = 0;
  private tooLarge = 0;
  private tooManyPixels = 0;
  private overLimit = 0;

  constructor(private readonly images: DocxImages) {}

  /** The <img> attributes of a picture; throws to leave it out (mammoth then writes nothing for it, and its messages carry ours). */
  async keep(image: { contentType: string; altText?: string; readAsBuffer(): Promise<Buffer> }): Promise<{ alt: string; src: string }> {
    const ordinal = ++this.seen;
    let bytes: Buffer;
    try {
      bytes = await image.readAsBuffer();
    } catch {
      this.unreadable++;
      throw new PictureLeftOut();
    }
    const family = sniffFamily(bytes);
    const contentType = family ? IMAGE_TYPES[family] : undefined;
    if (!contentType) {
      const format = formatName(image.contentType, bytes);
      this.unsupported.set(format, (this.unsupported.get(format) ?? 0) + 1);
      throw new PictureLeftOut();
    }
    if (bytes.length > this.images.maxBytes) {
      this.tooLarge++;
      throw new PictureLeftOut();
    }
    const altText = image.altText?.replace(/\s+/gu, ' ').trim();
    const sha = createHash('sha256').update(bytes).digest('hex');
    const known = this.stored.get(sha);
    if (known) return { alt: altText || known.alt, src: known.src };
    if (this.stored.size >= NOTICE_LIMITS.attachmentsMax) {
      this.overLimit ||= ordinal;
      throw new PictureLeftOut();
    }
    // Decoded and encoded again: only pixels reach a public page, never a camera's EXIF (GPS) or XMP.
    let clean: Buffer;
    try {
      clean = await reencodeImage(bytes, contentType);
    } catch (error) {
      if (error instanceof ImageRefused && error.reason === 'too_many_pixels') this.tooManyPixels++;
      else if (error instanceof ImageRefused && error.reason === 'undecodable') this.unreadable++;
      else this.failure ??= error; // busy, or not the document's fault: the import fails with it
      throw new PictureLeftOut();
    }
    const number = this.stored.size + 1;
    let src: string;
    try {
      src = await this.images.store({ bytes: clean, contentType, name: `图片${number}.${EXTENSIONS[contentType]}` });
    } catch (error) {
      // Not the document's fault (storage is down): the import fails with it rather than losing the picture quietly.
      this.failure ??= error;
      throw new PictureLeftOut();
    }
    this.stored.set(sha, { src, alt: `图片${number}` });
    return { alt: altText || `图片${number}`, src };
  }

  warnings(): string[] {
    const out: string[] = [];
    for (const [format, count] of this.unsupported) out.push(`有 ${count} 张图片为 ${format} 格式，网页无法显示，未导入；可在 Word 中另存为 PNG 或 JPG 后作为附件上传`);
    if (this.unreadable) out.push(`有 ${this.unreadable} 张图片无法读取，未导入`);
    if (this.tooManyPixels) out.push(`有 ${this.tooManyPixels} 张图片尺寸过大（超过 ${IMAGE_PIXELS_MAX / 10_000} 万像素），未导入`);
    if (this.tooLarge) out.push(`有 ${this.tooLarge} 张图片超过附件大小上限（${Math.round(this.images.maxBytes / 1024 / 1024)} MB），未导入`);
    if (this.overLimit) out.push(`文档中的图片超过 ${NOTICE_LIMITS.attachmentsMax} 张（附件上限），第 ${this.overLimit} 张起未导入`);
    return out;
  }
}

/** Thrown from the picture converter to leave a picture out; the keeper has counted why. */
class PictureLeftOut extends Error {
  constructor() {
    super('picture left out');
  }
}

/** A picture's format as staff know it, from the type its part declares or its first bytes. */
function formatName(declared: string, bytes: Buffer): string {
  const ext = declared.split('/').pop()?.replace(/^x-/, '').toLowerCase() ?? '';
  const known: Record<string, string> = { emf: 'EMF', wmf: 'WMF', tiff: 'TIFF', bmp: 'BMP', 'svg+xml': 'SVG', pict: 'PICT' };
  if (known[ext]) return known[ext]!;
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'BMP';
  return '不支持的';
}

/**
 * mammoth's messages, for staff. Styles it has no mapping for are left out: such paragraphs come
 * out as plain ones, which is all the editor keeps anyway. So are its notes on pictures (the
 * keeper says what happened to each) and on fields and undefined styles, which change nothing.
 */
export function translateMessages(messages: readonly { type: string; message: string; error?: unknown }[]): string[] {
  const out: string[] = [];
  let ignored = 0;
  for (const { message, error } of messages) {
    if (error instanceof PictureLeftOut) continue;
    if (/^Unrecognised (paragraph|run) style|was referenced but not defined|^Image of type|complex field|^Unsupported break type/.test(message)) continue;
    if (/^An unrecognised element was ignored: m:/.test(message)) out.push('文中的公式未能导入，请核对后手工补充');
    else if (/^An unrecognised element was ignored/.test(message)) ignored++;
    else if (/cell merging may be incorrect/.test(message)) out.push('表格中的合并单元格可能与原文不同，请核对');
    else if (/w:sym element with an unsupported character/.test(message)) out.push('部分特殊符号未能导入，请核对');
    else if (/image file for a:blip|v:imagedata element without a relationship/.test(message)) out.push('有图片无法读取，未导入');
    else ignored++;
  }
  if (ignored) out.push('文档中有部分内容（如文本框、图表或嵌入的对象）未能导入，请与原文核对');
  return [...new Set(out)];
}
