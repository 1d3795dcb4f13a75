import { ScrollView, Text, View } from '@tarojs/components';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/** A row of tabs over a list (scrolls sideways when it does not fit); `e2e` names the test hooks (`e2e-<e2e>-tab-<key>`). */
export function Tabs<K extends string>({ tabs, value, onChange, e2e }: { tabs: readonly TabItem<K>[]; value: K; onChange: (key: K) => void; e2e: string }) {
  return (
    <ScrollView className='gk-tabs' scrollX>
      <View className='gk-tabs__inner'>
        {tabs.map((t) => (
          <Text
            key={t.key}
            className={`gk-tabs__tab e2e-${e2e}-tab e2e-${e2e}-tab-${t.key} ${t.key === value ? 'gk-tabs__tab--on e2e-selected' : ''}`}
            onClick={() => onChange(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
    </ScrollView>
  );
}
