import { escape } from 'html-escaper';
import type { LetterDocument } from './letter-template';

/**
 * The letter as a standalone HTML page (printable; no scripts, no outside resources): every text
 * the handler or the applicant wrote is escaped. A draft carries a 草稿 mark so a preview is never
 * mistaken for the letter sent.
 */
export function renderLetterHtml(doc: LetterDocument): string {
  const blocks = doc.blocks
    .map((b) => (b.kind === 'paragraph' ? `<p>${escape(b.text)}</p>` : `<ul class="withheld">${b.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`))
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.title)}${doc.draft ? '（草稿）' : ` ${escape(doc.numberLine)}`}</title>
<style>
body { margin: 0; background: #f4f4f4; color: #000; font-family: "Noto Serif SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
main { box-sizing: border-box; max-width: 210mm; min-height: 297mm; margin: 0 auto; padding: 37mm 26mm 35mm 28mm; background: #fff; position: relative; }
h1 { margin: 0; font-size: 22pt; font-weight: 700; text-align: center; }
.number { margin: 0.6em 0 1.6em; text-align: center; font-size: 15pt; }
p, li { font-size: 15pt; line-height: 1.75; margin: 0; }
main > p { text-indent: 2em; text-align: justify; }
main > p.salutation { text-indent: 0; }
ul.withheld { list-style: none; margin: 0; padding: 0 0 0 2em; }
.sign { margin-top: 2.5em; text-align: right; }
.sign p { text-indent: 0; }
.contact { margin-top: 2em; font-size: 12pt; text-indent: 0; }
.draft-mark { position: absolute; top: 12mm; right: 14mm; border: 2px solid #c00; color: #c00; padding: 2px 10px; font-size: 14pt; }
@media print { body { background: #fff; } main { margin: 0; } }
</style>
</head>
<body>
<main>
${doc.draft ? '<div class="draft-mark">草稿</div>\n' : ''}<h1>${escape(doc.title)}</h1>
<div class="number">${escape(doc.numberLine)}</div>
<p class="salutation">${escape(doc.salutation)}</p>
${blocks}
<div class="sign"><p>${escape(doc.agency)}</p><p>${escape(doc.dateLine)}</p></div>
<p class="contact">${escape(doc.contactLine)}</p>
</main>
</body>
</html>
`;
}
