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

  it('writes what it reads, including text that contains "]]>"', () => {
    const xml = buildOaXml([['ToUserName', 'o-user'], ['CreateTime', 42], ['Content', 'odd ]]> text']]);
    expect(parseOaXml(xml)).toEqual({ ToUserName: 'o-user', CreateTime: '42', Content: 'odd ]]> text' });
  });
});
