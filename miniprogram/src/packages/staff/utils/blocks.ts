/**
 * The compose page's body editor: a list of blocks, each edited as plain text, serialised to the
 * small HTML subset the server keeps (h3, p, strong, ul/li, a, img). **…** marks bold text.
 * Works the same on weapp and H5 (no contenteditable, no DOM parsing).
 */
export type BlockKind = 'p' | 'h3' | 'li' | 'img' | 'link';

export interface Block {
  key: number;
  kind: BlockKind;
  /** Paragraph, heading or list text; the link's words; the picture's description (alt). */
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
    if (b.kind === 'p' && text) out.push(`<p>${inlineHtml(text)}</p>`);
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

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return unescapeHtml(m?.[2] ?? m?.[3] ?? m?.[4] ?? '');
}

/**
 * HTML (a saved body) → blocks, as well as the subset allows: headings become 小标题, list items
 * 列表项, a paragraph that is only a link or a picture becomes that block, anything else a paragraph.
 */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const re = /<(h[1-6]|p|ul|ol|blockquote|div|table)(\s[^>]*)?>([\s\S]*?)<\/\1>|<img\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  let last = 0;
  const loose = (text: string) => {
    const t = inlineText(text);
    if (t) blocks.push(newBlock('p', t));
  };
  while ((m = re.exec(html))) {
    loose(html.slice(last, m.index));
    last = re.lastIndex;
    const whole = m[0];
    const tag = (m[1] ?? 'img').toLowerCase();
    const inner = m[3] ?? '';
    if (tag === 'img') {
      blocks.push(newBlock('img', attr(whole, 'alt'), attr(whole, 'src')));
    } else if (/^h[1-6]$/.test(tag)) {
      const t = inlineText(inner);
      if (t) blocks.push(newBlock('h3', t));
    } else if (tag === 'ul' || tag === 'ol') {
      const li = /<li(\s[^>]*)?>([\s\S]*?)<\/li>/gi;
      let item: RegExpExecArray | null;
      while ((item = li.exec(inner))) {
        const t = inlineText(item[2] ?? '');
        if (t) blocks.push(newBlock('li', t));
      }
    } else {
      const trimmed = inner.trim();
      const img = /^<img\b[^>]*>$/i.exec(trimmed);
      const link = /^<a\b([^>]*)>([\s\S]*?)<\/a>$/i.exec(trimmed);
      if (img) blocks.push(newBlock('img', attr(img[0], 'alt'), attr(img[0], 'src')));
      else if (link) blocks.push(newBlock('link', inlineText(link[2] ?? ''), attr(`<a ${link[1] ?? ''}>`, 'href')));
      else loose(inner);
    }
  }
  loose(html.slice(last));
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
