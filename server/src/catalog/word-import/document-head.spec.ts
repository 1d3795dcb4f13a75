import { recogniseHead, type HeadParagraph } from './document-head';

const p = (text: string, looks: Partial<Omit<HeadParagraph, 'text'>> = {}): HeadParagraph => ({ text, styleName: null, centred: false, bold: false, listItem: false, ...looks });

describe('recogniseHead', () => {
  it('takes a Title-styled paragraph and a 文号 line, wherever they are among the top five', () => {
    expect(
      recogniseHead([
        p('关于做好2026年秋季义务教育招生工作的通知', { styleName: 'Title' }),
        p('某县教发〔2026〕12号', { centred: true }),
        p('各中小学：'),
      ]),
    ).toEqual({ title: { index: 0, text: '关于做好2026年秋季义务教育招生工作的通知' }, documentNo: { index: 1, text: '某县教发〔2026〕12号' } });
  });

  it('reads the 文号 with the brackets people type, spaces removed', () => {
    const no = (text: string) => recogniseHead([p(text)]).documentNo?.text ?? null;
    expect(no('某县教发〔2026〕12号')).toBe('某县教发〔2026〕12号');
    expect(no('某教字[2026]第3号')).toBe('某教字[2026]第3号');
    expect(no('某教办（2025）108号')).toBe('某教办（2025）108号');
    expect(no('某教发 〔2026〕 12 号')).toBe('某教发〔2026〕12号');
    expect(no('某教发【2026】7号')).toBe('某教发【2026】7号');
    // Cited inside a sentence, or without a year: not the document's own 文号.
    expect(no('根据《某县教发〔2025〕3号》文件要求，现通知如下。')).toBeNull();
    expect(no('某教发12号')).toBeNull();
  });

  it('takes a plain first paragraph as the title when it is short and centred or bold, after a masthead and the 文号', () => {
    expect(
      recogniseHead([
        p('', { centred: true }),
        p('某县教育局文件', { centred: true, bold: true }),
        p('某县教发〔2026〕12号', { centred: true }),
        p('关于公布 2026 年  学校划片范围的通知', { centred: true }),
        p('各中小学：'),
      ]),
    ).toEqual({ title: { index: 3, text: '关于公布 2026 年 学校划片范围的通知' }, documentNo: { index: 2, text: '某县教发〔2026〕12号' } });
    expect(recogniseHead([p('招生工作安排', { bold: true }), p('正文。')]).title).toEqual({ index: 0, text: '招生工作安排' });
  });

  it('finds no title when the first text is not one by its looks', () => {
    const title = (first: HeadParagraph) => recogniseHead([first, p('正文第二段。')]).title;
    expect(title(p('关于做好招生工作的通知'))).toBeNull(); // neither centred nor bold
    expect(title(p('各中小学：', { centred: true }))).toBeNull();
    expect(title(p('一、总体要求', { bold: true }))).toBeNull();
    expect(title(p('（一）报名时间', { bold: true }))).toBeNull();
    expect(title(p('招生范围', { bold: true, styleName: 'heading 1' }))).toBeNull();
    expect(title(p('报名材料', { bold: true, listItem: true }))).toBeNull();
    expect(title(p('通'.repeat(61), { centred: true }))).toBeNull(); // a title is at most 60 characters
    expect(title(p('通'.repeat(60), { centred: true }))).toEqual({ index: 0, text: '通'.repeat(60) });
    // A later centred paragraph is not looked at: the first text decides.
    expect(recogniseHead([p('现将有关事项通知如下。'), p('附件', { centred: true })]).title).toBeNull();
  });

  it('looks only at the first five paragraphs with text', () => {
    const body = ['甲。', '乙。', '丙。', '丁。', '戊。'].map((t) => p(t));
    expect(recogniseHead([...body, p('某县教发〔2026〕12号'), p('标题', { styleName: 'Title' })])).toEqual({ title: null, documentNo: null });
    expect(recogniseHead([p(''), p(' '), ...body.slice(0, 4), p('某县教发〔2026〕12号')]).documentNo).toEqual({ index: 6, text: '某县教发〔2026〕12号' });
  });

  it('takes the Title style under its Chinese name too, up to the title limit of 200 characters', () => {
    expect(recogniseHead([p('通知', { styleName: '标题' })]).title).toEqual({ index: 0, text: '通知' });
    expect(recogniseHead([p('长'.repeat(201), { styleName: 'Title' })]).title).toBeNull();
  });
});
