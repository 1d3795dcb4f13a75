/**
 * The compose page's body editor: a list of blocks, each edited as plain text, serialised to the
 * small HTML subset the server keeps (h3, p, strong, ul/li, a, img). **…** marks bold text.
 * What the text blocks cannot say (a table, another heading level, a numbered list, italics… as a
 * Word import brings them) stays as an `html` block: shown, moved and deleted, not edited.
 * Works the same on weapp and H5 (no contenteditable, no DOM parsing).
 */
export type BlockKind = 'p' | 'h3' | 'li' | 'img' | 'link' | 'html';

export interface Block {
  key: number;
  kind: BlockKind;
  /** Paragraph, heading or list text; the link's words; the picture's description (alt); an html block's HTML (sanitised by the server). */
  text: string;
  /** img and link only. */
  url: string;
}

export const BLOCK_KIND_LABELS: Record<BlockKind, string> = {
  p: '段落',
  h3: '小标题',
  li: '列表项',
  img: '图片',
  link: '链接',
  html: '原格式内容',
};

let nextKey = 1;
export function newBlock(kind: BlockKind = 'p', text = '', url = ''): Block {
  return { key: nextKey++, kind, text, url };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Escaped text with **bold** → <strong>bold</strong> and line breaks → <br>. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*([^*]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\r?\n/g, '<br>');
}

/** Only web addresses and server paths may go into src/href. */
export function safeUrl(url: string): string | null {
  const u = url.trim();
  if (/^https?:\/\/\S+$/i.test(u) || /^\/[^/\s]\S*$/.test(u)) return u;
  return null;
}

/** Blocks → HTML; empty blocks are skipped, consecutive list items share one <ul>. */
export function blocksToHtml(blocks: readonly Block[]): string {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  for (const b of blocks) {
    const text = b.text.trim();
    if (b.kind === 'li') {
      if (text) list.push(`<li>${inlineHtml(text)}</li>`);
      continue;
    }
    flush();
    if (b.kind === 'html' && text) out.push(text);
    else if (b.kind === 'p' && text) out.push(`<p>${inlineHtml(text)}</p>`);
    else if (b.kind === 'h3' && text) out.push(`<h3>${inlineHtml(text)}</h3>`);
    else if (b.kind === 'img') {
      const src = safeUrl(b.url);
      if (src) out.push(`<p><img src="${escapeHtml(src)}" alt="${escapeHtml(text)}"></p>`);
    } else if (b.kind === 'link') {
      const href = safeUrl(b.url);
      if (href) out.push(`<p><a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a></p>`);
    }
  }
  flush();
  return out.join('');
}

/** A problem the author must fix before saving (a picture or link without a usable address). */
export function blocksProblem(blocks: readonly Block[]): string | null {
  for (const [i, b] of blocks.entries()) {
    if ((b.kind === 'img' || b.kind === 'link') && b.url.trim() && !safeUrl(b.url)) {
      return `第 ${i + 1} 段（${BLOCK_KIND_LABELS[b.kind]}）的地址须以 http://、https:// 或 / 开头`;
    }
  }
  return null;
}

/** Inline HTML → editable text: <strong>/<b> → **…**, <br> → newline, other tags dropped. */
function inlineText(html: string): string {
  return unescapeHtml(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<(strong|b)(\s[^>]*)?>([\s\S]*?)<\/\1>/gi, (_m, _t, _a, inner: string) => `**${inner.replace(/<[^>]+>/g, '')}**`)
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

/**
 * Whether inline HTML says nothing the text form cannot: only text, <br> and <strong>/<b> around
 * plain text. Anything else (em, u, sub, span, a link inside a sentence, text with `**` of its own)
 * would be lost in a text block, so such content is kept as an `html` block.
 */
function isPlainInline(html: string): boolean {
  const rest = html.replace(/<br\s*\/?>/gi, '').replace(/<(strong|b)(\s[^>]*)?>([^<]*)<\/\1>/gi, '$3');
  return !/</.test(rest) && !unescapeHtml(html.replace(/<[^>]+>/g, '')).includes('**');
}

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return unescapeHtml(m?.[2] ?? m?.[3] ?? m?.[4] ?? '');
}

/** The attribute names of an opening tag. */
function attrNames(tag: string): string[] {
  const names: string[] = [];
  const re = /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  const inner = tag.replace(/^<[a-zA-Z0-9]+/, '').replace(/\/?>$/, '');
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) names.push((m[1] ?? '').toLowerCase());
  return names;
}

const onlyAttrs = (tag: string, allowed: readonly string[]) => attrNames(tag).every((n) => allowed.includes(n));
/** A picture block writes src and alt; a link block href (the server adds rel and target itself). */
const IMG_ATTRS = ['src', 'alt'];
const LINK_ATTRS = ['href', 'rel', 'target'];

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'div', 'table', 'hr', 'img']);
const VOID_TAGS = new Set(['hr', 'img', 'br']);

/**
 * Splits HTML into its top-level pieces: each block element whole (nested elements of the same
 * name counted, so a table in a table or a list in a list stays one piece), and the loose inline
 * content between them.
 */
function topLevelPieces(html: string): { tag: string | null; html: string }[] {
  const pieces: { tag: string | null; html: string }[] = [];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
  let loose = 0;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(html))) {
    const name = (m[2] ?? '').toLowerCase();
    if (m[1] || !BLOCK_TAGS.has(name)) continue;
    const start = m.index;
    let end = tagRe.lastIndex;
    if (!VOID_TAGS.has(name)) {
      const inner = new RegExp(`<(\\/?)${name}\\b[^>]*>`, 'gi');
      inner.lastIndex = end;
      let depth = 1;
      let t: RegExpExecArray | null;
      end = html.length;
      while ((t = inner.exec(html))) {
        depth += t[1] ? -1 : 1;
        if (depth === 0) {
          end = inner.lastIndex;
          break;
        }
      }
    }
    if (start > loose) pieces.push({ tag: null, html: html.slice(loose, start) });
    pieces.push({ tag: name, html: html.slice(start, end) });
    loose = end;
    tagRe.lastIndex = end;
  }
  if (loose < html.length) pieces.push({ tag: null, html: html.slice(loose) });
  return pieces;
}

/** The content between an element's opening and closing tags. */
function innerOf(element: string): string {
  return element.replace(/^<[^>]*>/, '').replace(/<\/[a-zA-Z0-9]+>\s*$/, '');
}

/**
 * HTML (a saved body, or one imported from Word) → blocks. What the text blocks can say becomes
 * them: <h3> a 小标题, the items of a plain <ul> 列表项, a paragraph that is only a link or a
 * picture that block, a paragraph of text (with bold) a 段落. Everything else — tables, other
 * heading levels, numbered lists, quotes, italics… — is kept as it is in an `html` block, so
 * `blocksToHtml(htmlToBlocks(x))` gives x back without losing a table.
 */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const keep = (piece: string) => {
    if (piece.trim()) blocks.push(newBlock('html', piece.trim()));
  };
  for (const piece of topLevelPieces(html)) {
    const whole = piece.html;
    const inner = innerOf(whole).trim();
    const open = /^<[^>]*>/.exec(whole)?.[0] ?? '';
    if (piece.tag === null) {
      // Loose inline content between blocks: a paragraph when it is plain.
      if (!inlineText(whole) && !/<img\b/i.test(whole)) continue;
      if (isPlainInline(whole)) blocks.push(newBlock('p', inlineText(whole)));
      else keep(whole);
    } else if (piece.tag === 'img') {
      if (onlyAttrs(whole, IMG_ATTRS)) blocks.push(newBlock('img', attr(whole, 'alt'), attr(whole, 'src')));
      else keep(whole);
    } else if (piece.tag === 'h3' && !attrNames(open).length && isPlainInline(inner)) {
      const t = inlineText(inner);
      if (t) blocks.push(newBlock('h3', t));
    } else if (piece.tag === 'ul' && !attrNames(open).length && !/<(ul|ol)\b/i.test(inner) && !inner.replace(/<li>[\s\S]*?<\/li>/gi, '').trim()) {
      const items = Array.from(inner.matchAll(/<li>([\s\S]*?)<\/li>/gi), (x) => x[1] ?? '');
      if (items.every(isPlainInline)) {
        for (const item of items) {
          const t = inlineText(item);
          if (t) blocks.push(newBlock('li', t));
        }
      } else keep(whole);
    } else if (piece.tag === 'p' && !attrNames(open).length) {
      const img = /^<img\b[^>]*>$/i.exec(inner);
      const link = /^<a\b([^>]*)>([^<]*)<\/a>$/i.exec(inner);
      if (img && onlyAttrs(img[0], IMG_ATTRS)) blocks.push(newBlock('img', attr(img[0], 'alt'), attr(img[0], 'src')));
      else if (link && onlyAttrs(`<a ${link[1] ?? ''}>`, LINK_ATTRS)) blocks.push(newBlock('link', inlineText(link[2] ?? ''), attr(`<a ${link[1] ?? ''}>`, 'href')));
      else if (isPlainInline(inner)) {
        const t = inlineText(inner);
        if (t) blocks.push(newBlock('p', t));
      } else keep(whole);
    } else keep(whole);
  }
  return blocks;
}

export function moveBlock<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
