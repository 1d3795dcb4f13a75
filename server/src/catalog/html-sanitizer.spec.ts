import { bodyToText, sanitizeBody } from './html-sanitizer';

describe('sanitizeBody', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onmouseover="x()">ok</p>', '<p>ok</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ['<img src="javascript:alert(1)" onerror="x()">', '<img />'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<style>p{}</style><p style="x">ok</p>', '<p>ok</p>'],
    ['<iframe src="https://evil.example"></iframe>', ''],
  ])('removes the dangerous parts of %s', (input, output) => {
    expect(sanitizeBody(input)).toBe(output);
  });

  it('keeps the formatting a notice needs', () => {
    const html = '<h3>一、范围</h3><p><strong>注意</strong>：</p><ol><li>甲</li></ol><table><tbody><tr><td colspan="2">乙</td></tr></tbody></table><img src="https://x.gov.cn/a.png" alt="图" />';
    expect(sanitizeBody(html)).toBe(html);
  });
});

describe('bodyToText', () => {
  it('drops tags, decodes entities and keeps paragraph breaks', () => {
    expect(bodyToText('<p>第一段&nbsp;A&amp;B</p><p>第二段 &lt;注&gt;</p>')).toBe('第一段 A&B\n第二段 <注>');
  });
});
