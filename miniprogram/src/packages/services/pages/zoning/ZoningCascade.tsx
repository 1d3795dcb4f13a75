import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { ZoningPlaceOption } from '@gongkai/shared';
import { getZoningPlaces } from '../../../../api/zoning';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { parseNumberField } from '../../../../utils/zoning-text';

/** The place the cascade sends to the lookup (`number` / `building` for a compound or road split by them). */
export interface CascadePlace {
  town: string;
  village?: string;
  compound?: string;
  number?: number;
  building?: number;
}

/** Where the cascade opens: a candidate of an unclear answer may put it straight at a place's number form. */
export interface CascadeStart {
  town: string;
  village: string;
  compound: string;
}

/** 门牌号 / 楼栋号 for a place whose rules split by number. */
function NumberForm({ place, busy, onLookup, onBack }: { place: string; busy: boolean; onLookup: (n: { number?: number; building?: number }) => void; onBack: () => void }) {
  const [number, setNumber] = useState('');
  const [building, setBuilding] = useState('');
  const [error, setError] = useState('');
  const submit = () => {
    const n = number.trim() ? parseNumberField(number) : undefined;
    const b = building.trim() ? parseNumberField(building) : undefined;
    if (n === null || b === null) {
      setError('请输入 1—99999 之间的数字');
      return;
    }
    if (n === undefined && b === undefined) {
      setError('该地点按门牌号或楼栋号划分学区，请至少填写一项');
      return;
    }
    setError('');
    onLookup({ ...(n !== undefined ? { number: n } : {}), ...(b !== undefined ? { building: b } : {}) });
  };
  return (
    <View className='gk-zoning__number e2e-zoning-number-form'>
      <Text className='gk-zoning__note'>“{place}”按门牌号或楼栋号划分学区，请填写：</Text>
      <View className='gk-zoning__field'>
        <Text className='gk-zoning__label'>门牌号</Text>
        <Input className='gk-zoning-input e2e-zoning-number' type='number' maxlength={5} value={number} placeholder='如 35（号）' aria-label='门牌号' onInput={(e) => setNumber(e.detail.value)} />
      </View>
      <View className='gk-zoning__field'>
        <Text className='gk-zoning__label'>楼栋号</Text>
        <Input className='gk-zoning-input e2e-zoning-building' type='number' maxlength={5} value={building} placeholder='如 3（号楼）' aria-label='楼栋号' onInput={(e) => setBuilding(e.detail.value)} />
      </View>
      {error ? <Text className='gk-zoning__error e2e-zoning-number-error'>{error}</Text> : null}
      <View className={`gk-zoning__button e2e-zoning-number-submit ${busy ? 'gk-zoning__button--disabled' : ''}`} role='button' aria-disabled={busy} onClick={() => !busy && submit()}>
        <Text>{busy ? '查询中…' : '查询'}</Text>
      </View>
      <View className='gk-zoning__button gk-zoning__button--outline e2e-zoning-number-back' role='button' onClick={onBack}>
        <Text>重新选择</Text>
      </View>
    </View>
  );
}

function PlaceRow({ option, onPick }: { option: ZoningPlaceOption; onPick: (o: ZoningPlaceOption) => void }) {
  const goesDown = option.level !== 'compound';
  return (
    <View
      className='gk-zoning__place e2e-zoning-place'
      hoverClass='gk-zoning__place--pressed'
      data-level={option.level}
      data-name={option.name}
      role='button'
      aria-label={goesDown ? `${option.name}，选择下一级` : option.needsNumber ? `${option.name}，需填门牌号` : `查询${option.name}`}
      onClick={() => onPick(option)}
    >
      <Text className='gk-zoning__place-name'>{option.name}</Text>
      {option.needsNumber ? <Text className='gk-zoning__place-hint'>需填门牌号</Text> : null}
      <Text className='gk-zoning__chevron'>{goesDown ? '›' : '查询'}</Text>
    </View>
  );
}

/**
 * 逐级选择: 镇街 → 社区 / 村 → 小区 / 道路, each level from GET /zoning/places. A level whose whole
 * area is covered by a rule (`answers`) may be looked up as it is; a compound or road split by
 * numbers asks for the house or building number first.
 */
export function ZoningCascade({ year, start, busy, onLookup }: { year: number | undefined; start?: CascadeStart | null; busy: boolean; onLookup: (place: CascadePlace) => void }) {
  const [town, setTown] = useState<ZoningPlaceOption | null>(start ? { level: 'town', name: start.town, answers: false, needsNumber: false } : null);
  const [village, setVillage] = useState<ZoningPlaceOption | null>(start?.village ? { level: 'village', name: start.village, answers: false, needsNumber: false } : null);
  // A compound or road waiting for its number.
  const [numbered, setNumbered] = useState<ZoningPlaceOption | null>(start?.compound ? { level: 'compound', name: start.compound, answers: false, needsNumber: true } : null);
  const level = useAsync(
    () => getZoningPlaces({ ...(year ? { year } : {}), ...(town ? { town: town.name } : {}), ...(village ? { village: village.name } : {}) }),
    [year, town?.name, village?.name],
  );

  const lookup = (extra: { compound?: string; number?: number; building?: number } = {}) => {
    if (!town || busy) return;
    onLookup({ town: town.name, ...(village ? { village: village.name } : {}), ...extra });
  };

  const pick = (o: ZoningPlaceOption) => {
    if (busy) return;
    if (o.level === 'town') {
      setTown(o);
      setVillage(null);
      setNumbered(null);
    } else if (o.level === 'village') {
      setVillage(o);
      setNumbered(null);
    } else if (o.needsNumber) {
      setNumbered(o);
    } else {
      lookup({ compound: o.name });
    }
  };

  const toTowns = () => {
    setTown(null);
    setVillage(null);
    setNumbered(null);
  };
  const toTown = () => {
    setVillage(null);
    setNumbered(null);
  };

  // The level above, when its whole area has one answer: it may be looked up without going further.
  const whole = village ?? town;
  const levelName = !town ? '镇（街道）' : !village ? '社区（村）或道路' : '小区或道路';

  return (
    <View className='gk-zoning__cascade e2e-zoning-cascade'>
      <View className='gk-zoning__crumbs e2e-zoning-crumbs' role='navigation' aria-label='已选地点'>
        {/* Views, not Texts: Taro's Text takes no role. */}
        <View className={`gk-zoning__crumb ${town ? 'gk-zoning__crumb--link' : ''} e2e-zoning-crumb-all`} role={town ? 'button' : undefined} aria-label={town ? '返回，重新选择镇街' : undefined} onClick={toTowns}>
          <Text>全部镇街</Text>
        </View>
        {town ? (
          <View
            className={`gk-zoning__crumb ${village || numbered ? 'gk-zoning__crumb--link' : ''} e2e-zoning-crumb-town`}
            role={village || numbered ? 'button' : undefined}
            aria-label={village || numbered ? `返回${town.name}，重新选择` : undefined}
            onClick={toTown}
          >
            <Text>› {town.name}</Text>
          </View>
        ) : null}
        {village ? (
          <View
            className={`gk-zoning__crumb ${numbered ? 'gk-zoning__crumb--link' : ''} e2e-zoning-crumb-village`}
            role={numbered ? 'button' : undefined}
            aria-label={numbered ? `返回${village.name}，重新选择` : undefined}
            onClick={() => setNumbered(null)}
          >
            <Text>› {village.name}</Text>
          </View>
        ) : null}
        {numbered ? <Text className='gk-zoning__crumb'>› {numbered.name}</Text> : null}
      </View>
      {numbered ? (
        <NumberForm
          place={numbered.name}
          busy={busy}
          onLookup={(n) => lookup({ compound: numbered.name, ...n })}
          onBack={() => setNumbered(null)}
        />
      ) : (
        <View>
          <Text className='gk-zoning__note'>请选择{levelName}</Text>
          {whole?.answers ? (
            <View className='gk-zoning__place gk-zoning__place--whole e2e-zoning-place-whole' role='button' aria-label={`按“${whole.name}”整体查询`} onClick={() => lookup()}>
              <Text className='gk-zoning__place-name'>按“{whole.name}”整体查询</Text>
              <Text className='gk-zoning__chevron'>›</Text>
            </View>
          ) : null}
          {level.loading && !level.data ? (
            <ListSkeleton rows={2} />
          ) : level.error ? (
            <ErrorState error={level.error} onRetry={() => void level.reload()} />
          ) : level.data && !level.data.options.length ? (
            whole?.answers ? null : <EmptyState text='没有可选的下一级' hint='请改为输入住址查询，或致电县教育局咨询' />
          ) : (
            <View className='gk-zoning__places'>
              {(level.data?.options ?? []).map((o) => (
                <PlaceRow key={`${o.level}-${o.name}`} option={o} onPick={pick} />
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  );
}
