import { PAY_NOTIFY_PATH } from './payment-notify.route';

/**
 * WeChat Pay's notifications (WeChat calls it, not an integrator): a Fastify route outside Nest's
 * document, described here for openapi-document.ts to add (`doc.paths[PAY_NOTIFY_DOC_PATH]`).
 * Refusals are WeChat's `{code:'FAIL', message}`, not the API's error body.
 */
const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } });
const fail = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: ['FAIL'] }, message: { type: 'string' } } } } },
});

export const PAY_NOTIFY_DOC_PATH = PAY_NOTIFY_PATH;

export const PAY_NOTIFY_OPERATIONS = {
  post: {
    tags: ['微信支付回调'],
    summary: '接收微信支付的支付与退款通知（微信调用；验签、解密后入账）',
    operationId: 'PaymentNotify_receive',
    parameters: [
      header('Wechatpay-Timestamp', '秒；与服务器时钟相差超过 WECHATPAY_MAX_SKEW_SECONDS 即拒绝'),
      header('Wechatpay-Nonce', '随机串'),
      header('Wechatpay-Signature', '平台对“时间戳\\n随机串\\n报文\\n”的 SHA256-RSA 签名'),
      header('Wechatpay-Serial', '平台证书序列号，或微信支付公钥 ID（PUB_KEY_ID_…）'),
    ],
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: '通知报文（最大 64 KB），resource 为 AEAD_AES_256_GCM 密文' } } } },
    responses: {
      '204': { description: '已处理（含重复通知）' },
      '400': fail('通知内容无效：解密失败（GCM 标签不符）、商户号/AppID/订单号/金额与订单不符'),
      '401': fail('签名验证失败：缺少签名头、时间戳超出允许偏差、序列号未知或签名不符'),
      '413': fail('请求体超过 64 KB'),
      '500': fail('入账失败，微信稍后重试'),
      '503': fail('未配置微信支付'),
    },
  },
};
