import { NOTICE_LIMITS } from '@gongkai/shared';

/** A paragraph at the top of a document, as far as recognising the title and 文号 needs it. */
export interface HeadParagraph {
  text: string;
  /** Its paragraph style's name ('Title', 'heading 1', …); null for the default. */
  styleName: string | null;
  centred: boolean;
  /** Every run with text in it is bold. */
  bold: boolean;
  /** A list item (numbered or bulleted by Word). */
  listItem: boolean;
}

export interface DocumentHead {
  /** The title and where it was in the list given; null when none was recognised. */
  title: { index: number; text: string } | null;
  documentNo: { index: number; text: string } | null;
}

/** How many paragraphs with text count as the top of a document. */
const HEAD_PARAGRAPHS = 5;
/** The longest first paragraph taken as a title without the Title style (a sentence is longer). */
const PLAIN_TITLE_MAX = 60;

/**
 * 文号 (发文字号, GB/T 9704): the issuer's short name, the year in 〔〕 (also [], ［］, (), （）, 【】
 * as typed in practice), the number and 号: 某县教发〔2026〕12号, 某教字[2026]第3号.
 */
const DOCUMENT_NO = /^[\u4e00-\u9fa5A-Za-z]{1,20}[〔[［(（【]\d{4}[〕\]］)）】]第?\d{1,5}号$/u;
/** The masthead above the 文号 of an official document: 某县教育局文件. */
const MASTHEAD = /文件$/u;
/** Outline numbering that starts a section heading, not a title: 一、 （一） 1. 1、 第一章 第三条. */
const SECTION_NUMBER = /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十百\d]+[章节条部分])/u;
/** A salutation (各中小学：) or a sentence ends so; a title does not. */
const SENTENCE_END = /[：:。；;，,]$/u;
const TITLE_STYLE = /^(?:title|标题)$/iu;
const HEADING_STYLE = /^(?:heading|标题)\s*\d$/iu;

/**
 * Recognises the title and the 文号 among a document's top paragraphs: the first HEAD_PARAGRAPHS
 * paragraphs that have text (empty ones and pictures alone are passed over; the caller stops at
 * the first table). Pure: the caller removes what was recognised from the body.
 *
 * 文号: the first of them whose whole text, spaces removed, is a 文号 (DOCUMENT_NO).
 *
 * Title: the first of them in the Title style (Word's 标题; up to the notice's title limit);
 * failing that, the first of them that is neither the 文号 nor a masthead ending in 文件 above
 * the 文号, when it is a title by its looks: at most PLAIN_TITLE_MAX characters, centred or bold
 * throughout, not a heading style, list item or numbered section (一、…), and not ending like a
 * salutation or a sentence (：。；，). Only that one paragraph is looked at: when the first text
 * is not a title, the document has none.
 */
export function recogniseHead(paragraphs: readonly HeadParagraph[]): DocumentHead {
  const head: { index: number; paragraph: HeadParagraph; text: string }[] = [];
  for (let index = 0; index < paragraphs.length && head.length < HEAD_PARAGRAPHS; index++) {
    const text = paragraphs[index]!.text.replace(/\s+/gu, ' ').trim();
    if (text) head.push({ index, paragraph: paragraphs[index]!, text });
  }

  const no = head.find((p) => DOCUMENT_NO.test(p.text.replace(/\s/gu, '')));
  const documentNo = no ? { index: no.index, text: no.text.replace(/\s/gu, '') } : null;

  const styled = head.find((p) => p.paragraph.styleName !== null && TITLE_STYLE.test(p.paragraph.styleName.trim()) && length(p.text) <= NOTICE_LIMITS.titleMax);
  let title = styled ? { index: styled.index, text: styled.text } : null;
  if (!title) {
    const first = head.find((p) => p !== no && !(no && p.index < no.index && MASTHEAD.test(p.text)));
    if (first && looksLikeTitle(first.paragraph, first.text)) title = { index: first.index, text: first.text };
  }
  return { title, documentNo };
}

function looksLikeTitle(p: HeadParagraph, text: string): boolean {
  if (length(text) > PLAIN_TITLE_MAX || !(p.centred || p.bold)) return false;
  if (p.listItem || (p.styleName !== null && HEADING_STYLE.test(p.styleName.trim()))) return false;
  return !SECTION_NUMBER.test(text) && !SENTENCE_END.test(text);
}

/** Characters as people count them (code points). */
function length(text: string): number {
  return Array.from(text).length;
}
