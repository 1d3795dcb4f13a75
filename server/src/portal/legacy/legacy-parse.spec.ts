import iconv from 'iconv-lite';
import { charsetOf } from './legacy-fetch';
import { mapItem } from './legacy-mapping';
import { absoluteUrl, entryItem, listLinks, pageCount, parseDate, parseDetail, parseFeed } from './legacy-parse';
import type { DetailSelectors } from './legacy-sources';

describe('parseDate', () => {
  it.each([
    ['2019-03-05', '2019-03-04T16:00:00.000Z'],
    ['发布日期：2019-03-05 09:30', '2019-03-05T01:30:00.000Z'],
    ['2019/3/5', '2019-03-04T16:00:00.000Z'],
    ['2019年3月5日', '2019-03-04T16:00:00.000Z'],
    ['2019年03月05日 14时20分', '2019-03-05T06:20:00.000Z'],
    ['Tue, 05 Mar 2019 08:00:00 +0800', '2019-03-05T00:00:00.000Z'],
    ['Tue, 05 Mar 2019 00:00:00 GMT', '2019-03-05T00:00:00.000Z'],
    ['2019-03-05T08:00:00+08:00', '2019-03-05T00:00:00.000Z'],
  ])('reads %s as Beijing time unless it names a zone', (text, iso) => {
    expect(parseDate(text)?.toISOString()).toBe(iso);
  });

  // An RFC 822 date without its zone would be read in the server's zone: refused (the page fails alone with its reason).
  it.each(['', '明天', '2019-02-30', '2019-13-01', '1900-01-01', 'Tue, 05 Mar 2019 10:00:00'])('refuses %s', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('charsetOf', () => {
  const gbk = iconv.encode('<html><head><meta charset="gbk"></head><body>教育</body></html>', 'gbk');

  it('takes the Content-Type first, then the page, then the source, then UTF-8; GBK and GB2312 are read as GB18030', () => {
    expect(charsetOf('text/html; charset=GBK', Buffer.from(''), null)).toBe('gb18030');
    expect(charsetOf('text/html', gbk, null)).toBe('gb18030');
    expect(charsetOf(null, Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), null)).toBe('gb18030');
    expect(charsetOf(null, Buffer.from('<?xml version="1.0" encoding="GB2312"?><rss/>'), null)).toBe('gb18030');
    expect(charsetOf(null, Buffer.from('<html></html>'), 'big5')).toBe('big5');
    expect(charsetOf(null, Buffer.from('<html></html>'), null)).toBe('utf8');
    expect(charsetOf('text/html; charset=no-such-charset', Buffer.from('<html></html>'), null)).toBe('utf8');
  });

  it('decodes a GBK page to the Chinese it holds', () => {
    expect(iconv.decode(gbk, charsetOf('text/html', gbk, null))).toContain('<body>教育</body>');
  });
});

describe('list pages', () => {
  const page = `<div class="list"><ul>
    <li><a href="../../art/2019/3/5/art_1_1.html">甲</a></li>
    <li><a href="/art/2019/3/6/art_1_2.html#top">乙</a></li>
    <li><a href="../../art/2019/3/5/art_1_1.html">甲（重复）</a></li>
    <li><a href="javascript:void(0)">丙</a></li></ul>
    <script>createPageHTML(12, 0, "index", "html");</script></div>`;

  it('gives each item link once, absolute, without fragments or scripts', () => {
    expect(listLinks(page, 'http://gov.example/col/col1/index.html', 'div.list a')).toEqual(['http://gov.example/art/2019/3/5/art_1_1.html', 'http://gov.example/art/2019/3/6/art_1_2.html']);
  });

  it('reads the page count TRS writes for its pager', () => {
    expect(pageCount(page, 'createPageHTML\\((\\d+)')).toBe(12);
    expect(pageCount('<p>no pager</p>', 'createPageHTML\\((\\d+)')).toBeNull();
  });

  it('resolves only http(s) addresses', () => {
    expect(absoluteUrl('mailto:a@b.c', 'http://x/')).toBeNull();
    expect(absoluteUrl(' ./a.html ', 'http://x/col/index.html')).toBe('http://x/col/a.html');
  });
});

describe('parseDetail', () => {
  const selectors: DetailSelectors = {
    title: { selector: 'h1' },
    body: { selector: 'div.TRS_Editor' },
    date: { selector: 'td:contains("发布日期") + td' },
    documentNo: { selector: 'td:contains("文号") + td' },
    indexNo: { selector: 'meta[name="ArticleIndex"]', attr: 'content', pattern: '索引号[:：]\\s*(\\S+)' },
    attachments: 'div.files a',
  };
  const html = `<html><head><meta name="ArticleIndex" content="索引号：11370725/2019-00003"></head><body>
    <table><tr><td>发布日期</td><td>2019-03-05</td><td>文号</td><td> 乐教发〔2019〕3号 </td></tr></table>
    <h1>  关于  做好招生工作的通知 </h1>
    <div class="TRS_Editor"><style>p{}</style><p style="x" onclick="y()">正文</p><img src="../img/a.jpg" oldsrc="a.jpg"><img src="data:image/png;base64,AAAA"><a href="../f/a.pdf">附件</a></div>
    <div class="files"><a href="../f/a.pdf">实施方案.pdf</a><a href="../f/a.pdf">重复</a><a href="/f/%E8%A1%A8.xls"></a></div></body></html>`;

  it('reads each field, makes links absolute and sanitises the body', () => {
    const item = parseDetail(html, 'http://gov.example/art/2019/3/5/x.html', selectors);
    expect(item).toEqual({
      title: '关于 做好招生工作的通知',
      date: new Date('2019-03-04T16:00:00.000Z'),
      documentNo: '乐教发〔2019〕3号',
      indexNo: '11370725/2019-00003',
      column: null,
      bodyHtml: '<p>正文</p><img src="http://gov.example/art/2019/3/img/a.jpg" /><a href="http://gov.example/art/2019/3/f/a.pdf" rel="noopener noreferrer" target="_blank">附件</a>',
      bodyText: '正文\n附件',
      attachments: [
        { name: '实施方案.pdf', url: 'http://gov.example/art/2019/3/f/a.pdf' },
        { name: '表.xls', url: 'http://gov.example/f/%E8%A1%A8.xls' },
      ],
    });
  });

  it.each([
    ['<div class="TRS_Editor"><p>正文</p></div>', 'no title (detail.title "h1" found nothing)'],
    ['<h1>标题</h1>', 'no body (detail.body "div.TRS_Editor" found nothing)'],
    ['<h1>标题</h1><div class="TRS_Editor"><script>x()</script></div>', 'empty body (no text or picture left after sanitising)'],
    ['<h1>标题</h1><table><tr><td>发布日期</td><td>下周一</td></tr></table><div class="TRS_Editor"><p>正文</p></div>', 'unreadable date "下周一" (detail.date)'],
  ])('fails a page that gives no item: %s', (page, reason) => {
    expect(() => parseDetail(page, 'http://gov.example/a.html', selectors)).toThrow(reason);
  });
});

describe('parseFeed', () => {
  it('reads RSS 2.0 items with their HTML content', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>专栏</title>
      <item><title>通知 A &amp; B</title><link>/art/1.html</link><pubDate>Tue, 05 Mar 2019 08:00:00 +0800</pubDate><category>政策文件</category>
      <description><![CDATA[<p>摘要</p>]]></description><content:encoded><![CDATA[<p>全文</p>]]></content:encoded></item>
      <item><title>无链接</title></item></channel></rss>`;
    expect(parseFeed(rss, 'http://gov.example/col/rss.xml')).toEqual([
      { title: '通知 A & B', link: 'http://gov.example/art/1.html', date: 'Tue, 05 Mar 2019 08:00:00 +0800', bodyHtml: '<p>全文</p>', column: '政策文件' },
    ]);
  });

  it('reads Atom entries (html and xhtml content)', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>甲</title><link rel="alternate" href="http://gov.example/a.html"/><link rel="enclosure" href="http://gov.example/a.pdf"/><updated>2019-03-05T08:00:00+08:00</updated><content type="html">&lt;p&gt;正文&lt;/p&gt;</content></entry>
      <entry><title>乙</title><link href="http://gov.example/b.html"/><published>2019-03-06</published><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>乙文</p></div></content><category term="招生"/></entry></feed>`;
    const entries = parseFeed(atom, 'http://gov.example/atom.xml');
    expect(entries).toEqual([
      { title: '甲', link: 'http://gov.example/a.html', date: '2019-03-05T08:00:00+08:00', bodyHtml: '<p>正文</p>', column: null },
      { title: '乙', link: 'http://gov.example/b.html', date: '2019-03-06', bodyHtml: '<p>乙文</p>', column: '招生' },
    ]);
    expect(entryItem(entries[1]!)).toMatchObject({ title: '乙', date: new Date('2019-03-05T16:00:00.000Z'), bodyHtml: '<p>乙文</p>' });
  });
});

describe('mapItem', () => {
  const source = {
    defaults: { categoryCode: 'XXDT', unitCode: 'BUREAU', infoType: 'business' as const },
    rules: [
      { match: { title: '招生' }, categoryCode: 'ZSKS' },
      { match: { url: '/xx/' }, unitCode: 'SCHOOL1', categoryCode: 'XXDT' },
      { match: { column: '政策' }, infoType: 'policy' as const, topicCodes: ['zoning'] },
    ],
  };

  it('takes each field from the first matching rule that names it, else the default', () => {
    expect(mapItem(source, { url: 'http://x/xx/1.html', title: '招生通知', column: '政策文件' })).toEqual({ categoryCode: 'ZSKS', unitCode: 'SCHOOL1', infoType: 'policy', topicCodes: ['zoning'] });
    expect(mapItem(source, { url: 'http://x/yy/1.html', title: '通知', column: null })).toEqual({ categoryCode: 'XXDT', unitCode: 'BUREAU', infoType: 'business', topicCodes: [] });
  });
});
