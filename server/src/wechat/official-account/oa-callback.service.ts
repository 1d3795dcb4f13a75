import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import { OaCryptoError, OaMessageCrypto, oaSignature, signatureMatches } from './crypto';
import { OaInboxService, dedupeKey } from './oa-inbox.service';
import { OaReplayGuard } from './oa-replay-guard';
import { buildOaXml, parseOaXml, type OaFields } from './xml';

export interface OaAnswer {
  contentType: string;
  body: string;
}

const TEXT = 'text/plain; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

const notConfigured = () => new ApiError(503, 'WECHAT_NOT_CONFIGURED', '公众号消息接口尚未配置');
const badSignature = () => new ApiError(401, 'UNAUTHENTICATED', '签名校验失败');
const stale = () => new ApiError(401, 'UNAUTHENTICATED', '请求已过期或重复，请检查服务器时间');
const plainRefused = () => new ApiError(401, 'UNAUTHENTICATED', '公众号已启用安全模式，只接受加密消息');
const badRequest = (message: string) => new ApiError(400, 'VALIDATION_FAILED', message);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** WeChat's nonces are digits; anything printable and short is accepted, nothing that could bloat the replay table. */
const NONCE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The official account's server callback (服务器配置): checks WeChat's signature (plain mode) or
 * msg_signature and decrypts (safe mode, encrypt_type=aes; the only mode accepted once an
 * EncodingAESKey is configured), refuses timestamps outside the allowed skew and a signed query
 * reused for another message, hands the message to the inbox, and answers in the same mode.
 * Nothing is parsed beyond the envelope, decrypted or stored before the signature is checked.
 */
@Injectable()
export class OaCallbackService {
  private readonly crypto: OaMessageCrypto | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: OaInboxService,
    private readonly replays: OaReplayGuard,
    private readonly clock: Clock,
  ) {
    const { encodingAesKey, appId } = config.officialAccount;
    this.crypto = encodingAesKey && appId ? new OaMessageCrypto(encodingAesKey, appId) : null;
  }

  /** The URL check when the server address is saved in the 公众号 console: echo `echostr`. */
  verify(query: Record<string, unknown>): OaAnswer {
    const token = this.token();
    if (!signatureMatches(oaSignature(token, str(query.timestamp), str(query.nonce)), query.signature)) throw badSignature();
    if (!this.replays.fresh(str(query.timestamp))) throw stale();
    return { contentType: TEXT, body: str(query.echostr) };
  }

  async receive(query: Record<string, unknown>, body: unknown): Promise<OaAnswer> {
    const token = this.token();
    const timestamp = str(query.timestamp);
    const nonce = str(query.nonce);
    const safe = query.encrypt_type === 'aes';
    if (this.crypto && !safe) throw plainRefused();
    if (!this.replays.fresh(timestamp) || !NONCE.test(nonce)) throw stale();
    let fields: OaFields;
    if (!safe) {
      // Plain mode signs the query only: the body is read after the check.
      if (!signatureMatches(oaSignature(token, timestamp, nonce), query.signature)) throw badSignature();
      fields = xmlFields(body);
    } else {
      if (!this.crypto) throw new ApiError(503, 'WECHAT_NOT_CONFIGURED', '公众号消息加解密尚未配置');
      // The envelope is read (a linear scan, nothing decoded but the Encrypt text) only to check msg_signature over it.
      const encrypted = xmlFields(body).Encrypt;
      if (!encrypted) throw badRequest('缺少加密内容');
      if (!signatureMatches(oaSignature(token, timestamp, nonce, encrypted), query.msg_signature)) throw badSignature();
      let plain: string;
      try {
        plain = this.crypto.decrypt(encrypted);
      } catch (error) {
        if (error instanceof OaCryptoError) throw badSignature();
        throw error;
      }
      fields = xmlFields(plain);
    }
    if (!(await this.replays.claim(timestamp, nonce, dedupeKey(fields)))) throw stale();
    const reply = await this.inbox.handle(fields, this.clock.now());
    if (reply === null) return { contentType: TEXT, body: 'success' };
    if (!safe) return { contentType: XML, body: reply };
    return { contentType: XML, body: this.encryptReply(token, reply) };
  }

  /** The reply in safe mode: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
  private encryptReply(token: string, reply: string): string {
    const encrypted = this.crypto!.encrypt(reply);
    const timestamp = String(this.clock.nowSeconds());
    const nonce = randomBytes(8).toString('hex');
    return buildOaXml([
      ['Encrypt', encrypted],
      ['MsgSignature', oaSignature(token, timestamp, nonce, encrypted)],
      ['TimeStamp', Number(timestamp)],
      ['Nonce', nonce],
    ]);
  }

  private token(): string {
    const token = this.config.officialAccount.token;
    if (!token) throw notConfigured();
    return token;
  }
}

function xmlFields(body: unknown): OaFields {
  const fields = typeof body === 'string' ? parseOaXml(body) : null;
  if (!fields) throw badRequest('请求内容须为 XML');
  return fields;
}
