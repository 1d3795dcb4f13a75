import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { staffLogin } from '../../../../api/auth';
import { errorMessage } from '../../../../api/errors';
import { hasToken } from '../../../../api/tokens';
import { Button } from '../../../../components/nut';
import { ROUTES } from '../../../../utils/routes';
import { useAction } from '../../../../hooks/useAction';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** Staff sign-in: POST /auth/staff, then the staff home. */
export default function StaffLogin() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, run } = useAction();
  const [error, setError] = useState('');

  useLoad(() => {
    if (hasToken('staff')) void Taro.redirectTo({ url: ROUTES.staffHome });
  });

  const submit = async () => {
    if (busy) return;
    const name = username.trim();
    if (!name || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setError('');
    await run(
      async () => {
        await staffLogin({ username: name, password });
        setPassword('');
        void Taro.redirectTo({ url: ROUTES.staffHome });
      },
      // The reason stays on the page as well as in the toast.
      { onError: (e) => void setError(errorMessage(e)) },
    );
  };

  return (
    // No side navigation before signing in: desk-wide the form is a centred card (index.scss).
    <View className={pageRootClass('gk-page gk-staff-login e2e-staff-login')}>
      <View className='gk-staff-login__card'>
        <View className='gk-staff-login__head'>
          <Text className='gk-staff-login__title'>工作人员登录</Text>
          <Text className='gk-staff-login__sub'>教育局科室及学校信息公开工作人员使用</Text>
        </View>
        <View className='gk-staff-login__form'>
          <View className='gk-field'>
            <Text className='gk-field__label'>用户名</Text>
            <Input
              className='gk-field__input e2e-staff-username'
              type='text'
              value={username}
              placeholder='请输入用户名'
              maxlength={64}
              onInput={(e) => setUsername(e.detail.value)}
            />
          </View>
          <View className='gk-field'>
            <Text className='gk-field__label'>密码</Text>
            <Input
              className='gk-field__input e2e-staff-password'
              password
              value={password}
              placeholder='请输入密码'
              maxlength={128}
              onInput={(e) => setPassword(e.detail.value)}
              onConfirm={() => void submit()}
            />
          </View>
          {error ? <Text className='gk-staff-login__error e2e-staff-error'>{error}</Text> : null}
          <Button className='gk-staff-login__submit e2e-staff-submit' type='primary' block disabled={busy} onClick={() => void submit()}>
            {busy ? '正在登录…' : '登录'}
          </Button>
          <Text className='gk-staff-login__note'>连续输错密码将暂时锁定账号；忘记密码请联系系统管理员。</Text>
        </View>
      </View>
    </View>
  );
}
