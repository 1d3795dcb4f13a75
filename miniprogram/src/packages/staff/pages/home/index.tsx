import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { STAFF_ROLE_LABELS } from '@gongkai/shared';
import { getStaffMe, staffSignOut } from '../../../../api/auth';
import { ApiError } from '../../../../api/errors';
import { sendToSignIn } from '../../../../api/request';
import { hasToken } from '../../../../api/tokens';
import { useAsync } from '../../../../hooks/useAsync';
import { Button, Cell, CellGroup } from '../../../../components/nut';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { ROUTES } from '../../../../utils/routes';
import './index.scss';

const COMING = ['审核待办', '撰写信息', '咨询办理', '依申请公开办理', '年度报告'];

/** Who is signed in (GET /auth/me): name, unit, roles; sign-out. The work queues come later. */
export default function StaffHome() {
  const me = useAsync(async () => {
    if (!hasToken('staff')) {
      sendToSignIn('staff');
      throw new ApiError({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    return getStaffMe();
  });

  const signOut = () => {
    staffSignOut();
    void Taro.redirectTo({ url: ROUTES.staffLogin });
  };

  return (
    <View className='gk-page gk-staff-home e2e-staff-home'>
      {me.loading && !me.data ? (
        <DetailSkeleton />
      ) : me.error || !me.data ? (
        <ErrorState error={me.error} onRetry={() => void me.reload()} />
      ) : (
        <View>
          <View className='gk-staff-home__card'>
            <Text className='gk-staff-home__hello'>您好，</Text>
            <Text className='gk-staff-home__name e2e-staff-name'>{me.data.displayName}</Text>
            <Text className='gk-staff-home__unit e2e-staff-unit'>{me.data.unit.name}</Text>
            <Text className='gk-staff-home__user'>账号：{me.data.username}</Text>
            <View className='gk-staff-home__roles e2e-staff-roles'>
              {me.data.roles.map((r) => (
                <Text key={r} className='gk-staff-home__role e2e-staff-role'>
                  {STAFF_ROLE_LABELS[r] ?? r}
                </Text>
              ))}
            </View>
          </View>
          <CellGroup className='gk-staff-home__cells' title='工作事项'>
            {COMING.map((t) => (
              <Cell key={t} title={t} extra='即将开放' />
            ))}
          </CellGroup>
          <View className='gk-staff-home__actions'>
            <Button className='e2e-staff-signout' block fill='outline' type='primary' onClick={signOut}>
              退出登录
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
