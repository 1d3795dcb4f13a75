import { blocksToHtml, htmlToBlocks, newBlock } from '../../src/packages/staff/utils/blocks';

/** A body as the Word import returns it: what the text blocks can say, and what they cannot. */
const IMPORTED =
  '<h2>关于做好2026年招生工作的通知</h2>' +
  '<p>各学校：</p>' +
  '<p>现将有关事项通知如下，请<strong>认真落实</strong>。</p>' +
  '<h3>一、招生计划</h3>' +
  '<table><thead><tr><th>学校</th><th>班级</th><th>人数</th></tr></thead><tbody>' +
  '<tr><td>北城小学</td><td>6</td><td>270</td></tr><tr><td colspan="2">合计</td><td>270</td></tr></tbody></table>' +
  '<ol><li>网上报名</li><li>现场审核</li></ol>' +
  '<ul><li>户口簿</li><li>房产证明</li></ul>' +
  '<ul><li>外层<ul><li>内层</li></ul></li></ul>' +
  '<p>报名时间以<em>另行通知</em>为准。</p>' +
  '<blockquote><p>咨询电话：0536-1234567</p></blockquote>' +
  '<p><img src="/api/v1/attachments/f-img1" alt="划片图"></p>' +
  '<p><img src="/api/v1/attachments/f-img2" alt="" width="300"></p>' +
  '<p><a href="https://www.example.gov.cn/bm" rel="noopener noreferrer" target="_blank">报名入口</a></p>' +
  '<h4>附：说明</h4>';

describe('body blocks with an imported body', () => {
  it('keep what the text blocks cannot say as html blocks, in order', () => {
    expect(htmlToBlocks(IMPORTED).map((b) => [b.kind, b.text, b.url])).toEqual([
      ['html', '<h2>关于做好2026年招生工作的通知</h2>', ''],
      ['p', '各学校：', ''],
      ['p', '现将有关事项通知如下，请**认真落实**。', ''],
      ['h3', '一、招生计划', ''],
      [
        'html',
        '<table><thead><tr><th>学校</th><th>班级</th><th>人数</th></tr></thead><tbody>' +
          '<tr><td>北城小学</td><td>6</td><td>270</td></tr><tr><td colspan="2">合计</td><td>270</td></tr></tbody></table>',
        '',
      ],
      ['html', '<ol><li>网上报名</li><li>现场审核</li></ol>', ''],
      ['li', '户口簿', ''],
      ['li', '房产证明', ''],
      ['html', '<ul><li>外层<ul><li>内层</li></ul></li></ul>', ''],
      ['html', '<p>报名时间以<em>另行通知</em>为准。</p>', ''],
      ['html', '<blockquote><p>咨询电话：0536-1234567</p></blockquote>', ''],
      ['img', '划片图', '/api/v1/attachments/f-img1'],
      ['html', '<p><img src="/api/v1/attachments/f-img2" alt="" width="300"></p>', ''],
      ['link', '报名入口', 'https://www.example.gov.cn/bm'],
      ['html', '<h4>附：说明</h4>', ''],
    ]);
  });

  it('round-trip: htmlToBlocks(blocksToHtml(x)) gives the same blocks, and the table is still there', () => {
    const blocks = htmlToBlocks(IMPORTED);
    const html = blocksToHtml(blocks);
    expect(html).toContain('<tr><td colspan="2">合计</td><td>270</td></tr>');
    const again = htmlToBlocks(html);
    expect(again.map((b) => [b.kind, b.text, b.url])).toEqual(blocks.map((b) => [b.kind, b.text, b.url]));
    expect(blocksToHtml(again)).toBe(html);
  });

  it('keep an html block where it is moved, and drop it when deleted', () => {
    const [title, table] = [newBlock('html', '<h2>标题</h2>'), newBlock('html', '<table><tr><td>甲</td></tr></table>')];
    expect(blocksToHtml([newBlock('p', '正文'), table, title])).toBe('<p>正文</p><table><tr><td>甲</td></tr></table><h2>标题</h2>');
    expect(blocksToHtml([newBlock('p', '正文'), title])).toBe('<p>正文</p><h2>标题</h2>');
  });

  it('treat loose text between blocks as a paragraph, and loose formatted text as html', () => {
    expect(htmlToBlocks('开头<p>中间</p>结尾 <em>强调</em>').map((b) => [b.kind, b.text])).toEqual([
      ['p', '开头'],
      ['p', '中间'],
      ['html', '结尾 <em>强调</em>'],
    ]);
  });

  it('keep text that has ** of its own as html, so it is not read back as bold', () => {
    expect(htmlToBlocks('<p>2**3 的写法</p>').map((b) => b.kind)).toEqual(['html']);
  });
});
