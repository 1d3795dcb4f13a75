import { OA_CALLBACK_PATH } from '../wechat/official-account/oa-callback.controller';

/**
 * The official account's server callback (WeChat calls it, not an integrator): its controller is
 * left out of Nest's document, so it is described here, outside /api/v1, as the non-JSON
 * exchange it is. Its refusals carry the usual error body.
 */
const query = (name: string, description: string, required = true) => ({ name, in: 'query', required, description, schema: { type: 'string' } });
const signed = [query('signature', '微信按 Token、timestamp、nonce 计算的签名'), query('timestamp', '秒'), query('nonce', '随机数')];
const tags = ['微信公众号回调'];
const refusals = {
  '401': { description: 'UNAUTHENTICATED：签名不符，或 timestamp 超出允许偏差、已用过' },
  '503': { description: 'WECHAT_NOT_CONFIGURED：未配置 WECHAT_OA_TOKEN（或安全模式所需的 EncodingAESKey）' },
};

export const OA_CALLBACK_DOC_PATH = `/${OA_CALLBACK_PATH}`;

export const OA_CALLBACK_OPERATIONS = {
  get: {
    tags,
    summary: '服务器地址校验（微信在保存服务器配置时调用）',
    operationId: 'OaCallbackController_verify',
    parameters: [...signed, query('echostr', '签名正确时原样返回')],
    responses: { '200': { description: '原样返回 echostr', content: { 'text/plain': { schema: { type: 'string' } } } }, ...refusals },
  },
  post: {
    tags,
    summary: '接收公众号消息与事件（微信调用；明文或安全模式）',
    operationId: 'OaCallbackController_receive',
    parameters: [...signed, query('openid', '发送者', false), query('encrypt_type', '安全模式为 aes', false), query('msg_signature', '安全模式下对密文的签名', false)],
    requestBody: { required: true, content: { 'text/xml': { schema: { type: 'string', description: '微信消息 XML（安全模式下含 Encrypt）' } } } },
    responses: {
      '200': {
        description: '无需回复时为 success；被动回复为 XML（安全模式下加密）',
        content: { 'text/plain': { schema: { type: 'string', enum: ['success'] } }, 'application/xml': { schema: { type: 'string' } } },
      },
      ...refusals,
    },
  },
};
