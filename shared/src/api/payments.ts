/** What the mini-program passes to `Taro.requestPayment` for a JSAPI order (signed by the server with the merchant key). */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=…`. */
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** `POST …/pay`: either real WeChat Pay parameters, or (embedded demo only) a simulated payment already settled. */
export type PayStart = { mode: 'wechat'; params: JsapiPayParams; outTradeNo: string } | { mode: 'simulated'; outTradeNo: string; paidAt: string };
