import { performance } from 'node:perf_hooks';
import { buildOaXml, parseOaXml } from './xml';

describe('official-account XML', () => {
  it('reads CDATA and plain fields of WeChat\'s flat messages', () => {
    const xml = `<xml>
      <ToUserName><![CDATA[gh_123]]></ToUserName>
      <FromUserName><![CDATA[o-user]]></FromUserName>
      <CreateTime>1348831860</CreateTime>
      <MsgType><![CDATA[text]]></MsgType>
      <Content><![CDATA[a <b> & ]] c]]></Content>
      <MsgId>1234567890123456</MsgId>
      <Plain>x &lt; y &amp; z</Plain>
    </xml>`;
    expect(parseOaXml(xml)).toEqual({
      ToUserName: 'gh_123',
      FromUserName: 'o-user',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: 'a <b> & ]] c',
      MsgId: '1234567890123456',
      Plain: 'x < y & z',
    });
  });

  it('refuses documents with a DOCTYPE and text without an <xml> root', () => {
    expect(parseOaXml('<!DOCTYPE xml [<!ENTITY x "y">]><xml><A>&x;</A></xml>')).toBeNull();
    expect(parseOaXml('{"a":1}')).toBeNull();
  });

  it('does not let a field named __proto__ reach the prototype', () => {
    const fields = parseOaXml('<xml><__proto__>x</__proto__><A>1</A></xml>')!;
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields.A).toBe('1');
  });

  it('refuses character references to what is no XML character, and decodes the others', () => {
    for (const bad of ['&#1114112;', '&#xD800;', '&#55296;', '&#0;', '&#x110000;', '&#9999999;']) {
      expect(parseOaXml(`<xml><Content>a ${bad} b</Content></xml>`)).toBeNull();
    }
    expect(parseOaXml('<xml><Content>&#20013;&#x6587; &#128512;</Content></xml>')).toEqual({ Content: '中文 😀' });
    // An ampersand that starts no reference stays text, as before.
    expect(parseOaXml('<xml><Content>A & B &#; &bogus;</Content></xml>')).toEqual({ Content: 'A & B &#; &bogus;' });
  });

  it('refuses processing instructions, unclosed sections and mismatched tags', () => {
    expect(parseOaXml('<?xml version="1.0" encoding="utf-8"?>\n<xml><A>1</A></xml>')).toEqual({ A: '1' });
    expect(parseOaXml('<xml><?php x ?><A>1</A></xml>')).toBeNull();
    expect(parseOaXml('<xml><A><![CDATA[open</A></xml>')).toBeNull();
    expect(parseOaXml('<xml><A>1</B></xml>')).toBeNull();
    expect(parseOaXml('<xml><A>1</A>')).toBeNull();
    expect(parseOaXml('<xml><A x="1">1</A></xml>')).toBeNull();
    expect(parseOaXml('<xml><A>1</A></xml><xml><B>2</B></xml>')).toBeNull();
  });

  it('reads nested elements as flat fields, the first of a name winning', () => {
    const xml = '<xml><MsgType><![CDATA[event]]></MsgType><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult>1</ScanResult></ScanCodeInfo><ScanType>2</ScanType><Empty/></xml>';
    expect(parseOaXml(xml)).toEqual({ MsgType: 'event', ScanType: 'qrcode', ScanResult: '1', Empty: '' });
  });

  it('parses every hostile shape up to 64 KiB in time linear in its size', () => {
    const cap = 64 * 1024;
    // [head, repeated unit, tail]: the shape that made the old tag regex backtrack exponentially, and its relatives.
    const shapes: [string, string, string][] = [
      ['<xml><Encrypt>', ' <![CDATA[]]>', '</xml>'],
      ['<xml><Encrypt>', ' <![CDATA[]]>', ''],
      ['<xml><Encrypt>', ' <![CDATA[]]>', '</Encrypt></xml>'],
      ['<xml><A>', '<![CDATA[', '</A></xml>'],
      ['<xml>', '<', '</xml>'],
      ['<xml><A>', '&#x', '</A></xml>'],
      ['<xml>', '<A>1</A>', '</xml>'],
      ['<xml>', '<A><B>', '</xml>'],
    ];
    const median = (input: string) => {
      const times: number[] = [];
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        parseOaXml(input);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    for (const [head, unit, tail] of shapes) {
      const sized = (bytes: number) => head + unit.repeat(Math.floor((bytes - head.length - tail.length) / unit.length)) + tail;
      const small = median(sized(cap / 10));
      const large = median(sized(cap));
      // Linear is about 10× (more at these sub-millisecond times, from allocation and GC); the old
      // regex took seconds at 400 bytes and doubled every 13 more. The API test compares whole requests.
      expect(large).toBeLessThan(Math.max(small, 1) * 50);
    }
  });

  it('writes what it reads, including text that contains "]]>"', () => {
    const xml = buildOaXml([['ToUserName', 'o-user'], ['CreateTime', 42], ['Content', 'odd ]]> text']]);
    expect(parseOaXml(xml)).toEqual({ ToUserName: 'o-user', CreateTime: '42', Content: 'odd ]]> text' });
  });
});
