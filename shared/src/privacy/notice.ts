import type { PrivacyNoticeView } from '../api/privacy';
import { CONSENT_KIND_INFO, PRIVACY_NOTICE, RIGHTS_REQUEST_WORKING_DAYS } from './consents';
import { LEGAL_BASIS_LABELS, PERSONAL_DATA, RETENTION_RULES, retentionText, type RetentionDays } from './personal-data';
import { PRIVACY_APIS } from './privacy-apis';

export interface PrivacyNoticeSettings {
  /** The bureau, e.g. 昌乐县教育局. */
  controller: string;
  /** Its contact for personal information, e.g. 县教育局办公室 0536-0000000. */
  contact: string;
  retentionDays: RetentionDays;
}

/** The 个人信息保护政策, from the shared lists and the deployment's settings. */
export function buildPrivacyNotice(settings: PrivacyNoticeSettings): PrivacyNoticeView {
  const { controller, contact, retentionDays } = settings;
  const items = PERSONAL_DATA.map((item) => ({
    kind: item.kind,
    label: item.label,
    collectedWhen: item.collectedWhen,
    purpose: item.purpose,
    bases: [...item.bases],
    basisText: item.bases.map((b) => LEGAL_BASIS_LABELS[b]),
    retention: retentionText(item, retentionDays),
    recipients: item.recipients,
    sensitive: item.sensitive,
    encrypted: item.encrypted,
    collecting: item.collecting,
  }));
  const apis = PRIVACY_APIS.map(({ api, declaration, purpose, usedIn }) => ({ api, declaration, purpose, usedIn }));
  const collected = items.filter((i) => i.collecting).map((i) => i.label.replace(/（.*）/, ''));
  return {
    version: PRIVACY_NOTICE.version,
    effectiveDate: PRIVACY_NOTICE.effectiveDate,
    title: PRIVACY_NOTICE.title,
    controller,
    contact,
    summary:
      `${controller}通过“教育公开”小程序和网页为您提供政府信息公开、咨询投诉等服务。浏览公开信息无需提供个人信息；` +
      `登录和办理事项时，我们会处理${collected.join('、')}等信息，仅用于本政策所列目的。` +
      '涉及未满十四周岁儿童的信息需要监护人单独同意。您可以随时查阅、导出、更正您的信息，撤回同意或注销账号。',
    items,
    apis,
    retention: RETENTION_RULES.map((r) => ({ kind: r.kind, label: r.label, days: retentionDays[r.kind], from: r.from })),
    sections: [
      {
        heading: '一、我们是谁',
        paragraphs: [`本政策中的个人信息处理者是${controller}。个人信息保护事务联系方式：${contact}。`],
      },
      {
        heading: '二、我们收集哪些信息、用于什么目的',
        paragraphs: [
          '浏览公开目录、通知公告和公开问答不需要登录，我们不收集您的个人信息。',
          ...items.map(
            (i) =>
              `${i.label}：${i.collectedWhen}；用于${i.purpose}；处理依据：${i.basisText.join('；')}。${i.sensitive ? '属于敏感个人信息。' : ''}` +
              `${i.encrypted ? '在数据库中加密保存。' : ''}${i.collecting ? '' : '（相应功能开放后适用）'}`,
          ),
        ],
      },
      {
        heading: '三、小程序调用的隐私接口',
        paragraphs: apis.map((a) => `${a.declaration}（${a.api}）：${a.purpose}。调用位置：${a.usedIn}。调用前会先征得您的同意，拒绝后其他功能仍可正常使用。`),
      },
      {
        heading: '四、儿童个人信息',
        paragraphs: [
          '如事项内容涉及未满十四周岁子女的信息，我们会请您作为监护人单独同意，并只在办理该事项所需的范围内处理。' +
            `您可以随时撤回：${CONSENT_KIND_INFO.child_information.withdrawal}`,
        ],
      },
      {
        heading: '五、保存期限',
        paragraphs: [
          ...items.filter((i) => i.collecting).map((i) => `${i.label}：${i.retention}。`),
          '到期的信息由系统每日自动删除或匿名化，删除情况留有记录。',
        ],
      },
      {
        heading: '六、谁会收到您的信息',
        paragraphs: [
          '您的事项只由承办的科室或学校处理；除承办人外，工作人员看到的联系电话只显示部分号码。工作人员查看、导出您的个人信息都会留下记录，由管理员定期检查。',
          '向您发送订阅消息时，微信（腾讯公司）会收到您的微信标识和消息内容。除法律法规规定外，我们不向其他任何单位或个人提供您的个人信息。',
        ],
      },
      {
        heading: '七、您的权利',
        paragraphs: [
          '在“我的 → 我的信息”中，您可以查看并下载我们保存的您的全部信息，修改账号名称，查看和撤回各项同意，注销账号。',
          `其他查阅、复制、更正、删除、限制处理或解释说明的请求，可在“我的信息”中提交，我们将在 ${RIGHTS_REQUEST_WORKING_DAYS} 个工作日内答复。`,
          '注销账号后，我们删除您的微信标识、联系电话、照片、订阅和同意以外的账号信息；依法需要保存的事项记录去除与您身份的关联后按档案规定保存，只供工作人员依职责查阅。',
        ],
      },
      {
        heading: '八、信息安全',
        paragraphs: ['联系电话、身份证件号码在数据库中使用 AES-256-GCM 加密保存，密钥与数据分开保管；日志中不记录手机号、身份证件号码、住址和事项内容。'],
      },
      {
        heading: '九、政策的更新',
        paragraphs: [`本政策版本 ${PRIVACY_NOTICE.version}，自 ${PRIVACY_NOTICE.effectiveDate} 起施行。政策更新后，我们会在您下次使用时请您重新阅读并同意。`],
      },
    ],
  };
}
