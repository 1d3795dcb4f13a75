import { pageBody } from './notice-body';

describe('pageBody', () => {
  it('continues the page outline from h2 without skipping a level', () => {
    expect(pageBody('<h3>一</h3><h4>（一）</h4><h3>二</h3>', '标题')).toBe('<h2>一</h2><h3>（一）</h3><h2>二</h2>');
    expect(pageBody('<h2>一</h2><h4>（一）</h4>', '标题')).toBe('<h2>一</h2><h3>（一）</h3>');
    expect(pageBody('<h2>一</h2><h3>（一）</h3><hr /><p>正文</p>', '标题')).toBe('<h2>一</h2><h3>（一）</h3><hr /><p>正文</p>');
  });

  it('gives pictures without alt their title or the notice’s, escaped, and keeps an alt that is there', () => {
    expect(pageBody('<p><img src="/a.png" /><img src="/b.png" title="学区图" /><img src="/c.png" alt="" /></p>', '<关于>“划片”')).toBe(
      '<p><img alt="“&lt;关于&gt;“划片””插图1" src="/a.png" /><img alt="学区图" src="/b.png" title="学区图" /><img src="/c.png" alt="" /></p>',
    );
  });

  it('puts each table in a focusable, labelled region that scrolls on its own', () => {
    expect(pageBody('<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>', '标题')).toBe(
      '<div class="table-scroll" role="region" tabindex="0" aria-label="表格1"><table><tr><td>1</td></tr></table></div>' +
        '<div class="table-scroll" role="region" tabindex="0" aria-label="表格2"><table><tr><td>2</td></tr></table></div>',
    );
  });
});
