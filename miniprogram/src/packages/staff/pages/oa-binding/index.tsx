import { Text, View } from '@tarojs/components';
import { getOaBinding, newOaBindingCode, unbindOa } from '../../../../api/staff';
import { Button, Cell, CellGroup } from '../../../../components/nut';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import '../../components/staff.scss';
import './index.scss';
import { StaffShell } from '../../components/StaffShell';

/**
 * 公众号提醒: 办理期限 reminders reach a staff member as official-account template messages once
 * their account is linked to the follower who sends the code shown here (`绑定 123456`).
 */
function StaffOaBindingPage() {
  const state = useAsync(getOaBinding);
  const { busy, run } = useAction();

  const act = (work: () => Promise<unknown>) => run(work, { refresh: state.reload });

  if (state.loading && !state.data) return <DetailSkeleton />;
  if (state.error || !state.data) return <ErrorState error={state.error} onRetry={() => void state.reload()} />;
  const view = state.data;
  return (
    <View className='gk-oa-binding e2e-oa-binding' data-bound={view.bound ? 'true' : 'false'}>
      <CellGroup title='公众号提醒'>
        <Cell className='e2e-oa-binding-status' title='绑定状态' extra={view.bound ? `已绑定（${view.boundAt?.slice(0, 10) ?? ''}）` : '未绑定'} />
      </CellGroup>
      {view.code ? (
        <View className='gk-oa-binding__card e2e-oa-binding-code'>
          <Text className='gk-oa-binding__code'>{view.code}</Text>
          <Text className='gk-oa-binding__hint'>{view.instruction}</Text>
        </View>
      ) : null}
      <View className='gk-oa-binding__actions'>
        <Button className='e2e-oa-binding-new' block type='primary' loading={busy} onClick={() => void act(newOaBindingCode)}>
          {view.bound ? '换绑：获取新的绑定码' : '获取绑定码'}
        </Button>
        {view.bound ? (
          <Button className='e2e-oa-binding-unbind' block fill='outline' type='primary' disabled={busy} onClick={() => void act(unbindOa)}>
            解除绑定
          </Button>
        ) : null}
      </View>
      <Text className='gk-oa-binding__hint'>绑定后，您办理的咨询在到期前一个工作日和超期时会收到公众号提醒。</Text>
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks inquiries; phones get the page alone). */
export default function StaffOaBinding() {
  return (
    <StaffShell active='inquiries'>
      <StaffOaBindingPage />
    </StaffShell>
  );
}
