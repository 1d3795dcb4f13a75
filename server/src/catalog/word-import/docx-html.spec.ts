import { translateMessages } from './docx-html';

const warning = (message: string) => ({ type: 'warning', message });

describe('translateMessages', () => {
  it('says in Chinese what was lost, once each, and leaves out what changes nothing in the body', () => {
    expect(
      translateMessages([
        warning("Unrecognised paragraph style: '正文文本' (Style ID: a3)"),
        warning("Unrecognised run style: 'Emphasis' (Style ID: a5)"),
        warning('paragraph style with ID a9 was referenced but not defined in the document'),
        warning('Image of type image/x-emf is unlikely to display in web browsers'),
        warning('An unrecognised element was ignored: m:oMathPara'),
        warning('An unrecognised element was ignored: m:oMath'),
        warning('An unrecognised element was ignored: w:object'),
        warning('An unrecognised element was ignored: w:control'),
        warning('unexpected non-row element in table, cell merging may be incorrect'),
        warning('A w:sym element with an unsupported character was ignored: char F0FF in font Wingdings'),
        warning('Could not find image file for a:blip element'),
      ]),
    ).toEqual([
      '文中的公式未能导入，请核对后手工补充',
      '表格中的合并单元格可能与原文不同，请核对',
      '部分特殊符号未能导入，请核对',
      '有图片无法读取，未导入',
      '文档中有部分内容（如文本框、图表或嵌入的对象）未能导入，请与原文核对',
    ]);
    expect(translateMessages([])).toEqual([]);
  });
});
