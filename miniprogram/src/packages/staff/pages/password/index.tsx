import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH } from '@gongkai/shared';
import { changeStaffPassword } from '../../../../api/auth';
import { errorMessage } from '../../../../api/errors';
import { Button } from '../../../../components/nut';
import { ROUTES } from '../../../../utils/routes';
import { useAction } from '../../../../hooks/useAction';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Field = 'current' | 'next' | 'again';

const FIELDS: { key: Field; label: string; placeholder: string }[] = [
  { key: 'current', label: '当前密码', placeholder: '请输入当前密码' },
  { key: 'next', label: '新密码', placeholder: `至少 ${STAFF_PASSWORD_MIN_LENGTH} 位` },
  { key: 'again', label: '确认新密码', placeholder: '再次输入新密码' },
];

/** What the form can tell before asking the server (which checks the same rules again). */
function problem(values: Record<Field, string>): string {
  if (!values.current) return '请输入当前密码';
  if (values.next.length < STAFF_PASSWORD_MIN_LENGTH) return `新密码至少 ${STAFF_PASSWORD_MIN_LENGTH} 位`;
  if (values.next !== values.again) return '两次输入的新密码不一致';
  if (values.next === values.current) return '新密码不能与当前密码相同';
  return '';
}

/**
 * A staff member changes their own password (POST /auth/staff/password). The server signs out
 * every other device and returns a fresh token, which the request layer stores; wrong current
 * passwords count toward the sign-in lockout, so the server's message is shown as it is.
 */
function StaffPasswordPage() {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', again: '' });
  const { busy, run } = useAction();
  const [error, setError] = useState('');

  const submit = async () => {
    if (busy) return;
    const found = problem(values);
    setError(found);
    if (found) return;
    await run(
      async () => {
        await changeStaffPassword({ currentPassword: values.current, newPassword: values.next });
        setValues({ current: '', next: '', again: '' });
      },
      {
        success: '密码已修改',
        refresh: () => void Taro.navigateBack({ fail: () => void Taro.redirectTo({ url: ROUTES.staffHome }) }),
        // Shown on the page rather than as a toast: it may name the lockout.
        onError: (e) => (setError(errorMessage(e)), true),
      },
    );
  };

  return (
    <View className={pageRootClass('gk-page gk-staff-password e2e-staff-password')}>
      <View className='gk-staff-password__section'>
        <Text className='gk-staff-password__title'>修改登录密码</Text>
        {FIELDS.map((f) => (
          <View key={f.key}>
            <Text className='gk-staff-password__label'>{f.label}</Text>
            <Input
              className={`gk-staff-password__input e2e-password-${f.key}`}
              password
              value={values[f.key]}
              placeholder={f.placeholder}
              maxlength={STAFF_PASSWORD_MAX_LENGTH}
              onInput={(e) => setValues((v) => ({ ...v, [f.key]: e.detail.value }))}
            />
          </View>
        ))}
        {error ? <Text className='gk-staff-password__error e2e-password-error'>{error}</Text> : null}
        <Button className='gk-staff-password__submit e2e-password-submit' type='primary' block disabled={busy} onClick={() => void submit()}>
          {busy ? '正在保存…' : '保存新密码'}
        </Button>
        <Text className='gk-staff-password__hint'>修改后，您在其他手机或电脑上的登录将全部失效，需要用新密码重新登录。连续输错当前密码将暂时锁定账号。</Text>
      </View>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks account; phones get the page alone). */
export default function StaffPassword() {
  return (
    <StaffShell active='account'>
      <StaffPasswordPage />
    </StaffShell>
  );
}
