import type { PersonalDataKind } from './personal-data';

/**
 * Every WeChat privacy API (隐私接口) the mini-program calls, with the purpose that its
 * declaration in the console (小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引) must
 * state. The README shows this list for the administrator; the privacy notice is built from it.
 * A capability that calls another privacy API adds it here before the call lands.
 */
export interface PrivacyApi {
  /** The wx.* API or component. */
  api: string;
  /** The category as the console's 用户隐私保护指引 names it. */
  declaration: string;
  /** The purpose to write in the console (为了…，开发者将在获取你的明示同意后，收集你的…). */
  purpose: string;
  /** Where in the app it is called. */
  usedIn: string;
  data: PersonalDataKind;
}

export const PRIVACY_APIS: readonly PrivacyApi[] = [
  {
    api: 'wx.chooseMedia',
    declaration: '选中的照片或视频信息',
    purpose: '在提交咨询、投诉、建议、反馈时上传照片作为说明材料',
    usedIn: '服务 → 咨询投诉 → 上传照片',
    data: 'photo',
  },
  {
    api: 'wx.chooseImage',
    declaration: '选中的照片或视频信息',
    purpose: '在提交咨询、投诉、建议、反馈时上传照片作为说明材料（基础库不支持 chooseMedia 时）',
    usedIn: '服务 → 咨询投诉 → 上传照片',
    data: 'photo',
  },
];
