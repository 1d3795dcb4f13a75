import PDFDocument from 'pdfkit';
import { GONGWEN_MARGINS_PT, PT_PER_MM, documentFontFiles } from '../../common/documents/official-document';
import type { LetterDocument } from './letter-template';

/**
 * The letter as a PDF on the 公文 page with the documents' Chinese font (common/documents):
 * regular for the text, bold for the title. pdfkit embeds only the glyphs a letter uses (a subset
 * with its ToUnicode map, so the text stays searchable and copyable): a letter is 20–40 KB.
 */
const TITLE_SIZE = 22;
const BODY_SIZE = 14;
const SMALL_SIZE = 11;
const LINE_GAP = 5;

export interface LetterPdfMeta {
  /** The PDF's creation date (the approval's, so the same letter renders the same). */
  createdAt: Date;
}

export function renderLetterPdf(doc: LetterDocument, meta: LetterPdfMeta): Promise<Buffer> {
  const { regular, bold } = documentFontFiles();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: GONGWEN_MARGINS_PT,
    bufferPages: true,
    info: { Title: `${doc.title} ${doc.numberLine}`, Author: doc.agency, Creator: 'Gongkai', CreationDate: meta.createdAt },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);
  const left = GONGWEN_MARGINS_PT.left;
  const width = pdf.page.width - GONGWEN_MARGINS_PT.left - GONGWEN_MARGINS_PT.right;

  if (doc.draft) {
    pdf.font('bold').fontSize(14).fillColor('#c00000').text('草稿', left, GONGWEN_MARGINS_PT.top - 40, { width, align: 'right' });
    pdf.fillColor('black');
    pdf.y = GONGWEN_MARGINS_PT.top;
  }
  pdf.font('bold').fontSize(TITLE_SIZE).text(doc.title, left, pdf.y, { width, align: 'center' });
  pdf.moveDown(0.4);
  pdf.font('regular').fontSize(BODY_SIZE).text(doc.numberLine, left, pdf.y, { width, align: 'center' });
  pdf.moveDown(1.2);
  pdf.text(doc.salutation, left, pdf.y, { width, lineGap: LINE_GAP });
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      // First-line indent of two characters, as 公文 body text has.
      pdf.text(block.text, left, pdf.y, { width, indent: 2 * BODY_SIZE, align: 'justify', lineGap: LINE_GAP });
    } else {
      for (const item of block.items) pdf.text(item, left + 2 * BODY_SIZE, pdf.y, { width: width - 2 * BODY_SIZE, lineGap: LINE_GAP });
    }
  }
  pdf.moveDown(2);
  pdf.text(doc.agency, left, pdf.y, { width: width - BODY_SIZE, align: 'right', lineGap: LINE_GAP });
  pdf.text(doc.dateLine, left, pdf.y, { width: width - BODY_SIZE, align: 'right', lineGap: LINE_GAP });
  pdf.moveDown(1.5);
  pdf.fontSize(SMALL_SIZE).text(doc.contactLine, left, pdf.y, { width });

  // Page numbers in the bottom margin, 公文 style (— 1 —): the margin is lifted while writing
  // there, or pdfkit would start a new page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(SMALL_SIZE + 1).text(`— ${i + 1} —`, left, pdf.page.height - bottom + 14 * PT_PER_MM, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
