import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ZONING_LIMITS, type ZoningCandidate, type ZoningLookupResult } from '@gongkai/shared';
import { getZoningYears, lookupZoning, type ZoningLookupQuery } from '../../../../api/zoning';
import { errorMessage } from '../../../../api/errors';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState } from '../../../../components/States';
import { param } from '../../../../utils/routes';
import { Chips } from '../../../../inquiry/InquiryControls';
import { ZoningAnswer } from './ZoningAnswer';
import { ZoningCascade, type CascadePlace, type CascadeStart } from './ZoningCascade';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

type Mode = 'text' | 'cascade';
type ApplicantChoice = 'local' | 'migrant' | 'unsure';

const APPLICANT_OPTIONS: { value: ApplicantChoice; label: string; hint: string }[] = [
  { value: 'local', label: '本地户籍', hint: '户口在本县' },
  { value: 'migrant', label: '随迁子女', hint: '户口在外地' },
  { value: 'unsure', label: '不确定', hint: '列出各种情况' },
];

const MODES: { key: Mode; label: string }[] = [
  { key: 'text', label: '输入住址' },
  { key: 'cascade', label: '逐级选择' },
];

/**
 * 学区查询: a parent types an address (or picks it level by level) and sees the primary and junior
 * school it is zoned to, the rule of the bureau's table behind each, and the year's 划片 notice.
 * The address typed is sent for the lookup only: nothing of it is kept on the device.
 */
export default function ZoningService() {
  const years = useAsync(getZoningYears);
  // null: the current year, as the server decides it.
  const [year, setYear] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>('text');
  // Opened from search's 学区 answer (`?q=…`): the address is filled in and looked up at once.
  const { params } = useRouter();
  const [q, setQ] = useState(() => param(params, 'q').trim().slice(0, ZONING_LIMITS.query));
  const [applicant, setApplicant] = useState<ApplicantChoice>('unsure');
  const [result, setResult] = useState<ZoningLookupResult | null>(null);
  const [error, setError] = useState('');
  const [cascadeStart, setCascadeStart] = useState<CascadeStart | null>(null);
  // A new key opens the cascade afresh (at a candidate's place, or at the towns).
  const [cascadeKey, setCascadeKey] = useState(0);
  const { busy, run } = useAction();

  // The answer is drawn below the form: bring it into view, as a parent would otherwise not see it came.
  useEffect(() => {
    if (!result || typeof Taro.pageScrollTo !== 'function') return;
    void Promise.resolve(Taro.pageScrollTo({ selector: '.gk-zoning__answer', duration: 200 })).catch(() => undefined);
  }, [result]);

  const current = years.data?.find((y) => y.current)?.year ?? years.data?.[0]?.year;
  const shownYear = year ?? current;

  const lookup = (query: ZoningLookupQuery) =>
    run(
      async () => {
        setError('');
        const answer = await lookupZoning({
          ...query,
          ...(year ? { year } : {}),
          ...(applicant !== 'unsure' ? { applicant } : {}),
        });
        setResult(answer);
        return answer;
      },
      {
        onError: (e) => {
          setResult(null);
          setError(errorMessage(e));
          return true;
        },
      },
    );

  useEffect(() => {
    if (q) void lookup({ q });
    // Once, for the address the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const searchText = () => {
    const text = q.trim();
    if (!text) {
      void Taro.showToast({ title: '请输入住址', icon: 'none' });
      return;
    }
    void lookup({ q: text });
  };

  const lookupPlace = (place: CascadePlace) => void lookup(place);

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    setMode(next);
    setResult(null);
    setError('');
    if (next === 'cascade') {
      setCascadeStart(null);
      setCascadeKey((k) => k + 1);
    }
  };

  const pickYear = (next: number) => {
    setYear(next === current ? null : next);
    setResult(null);
    setError('');
    setCascadeStart(null);
    setCascadeKey((k) => k + 1);
  };

  /** A place the parent may have meant: looked up through the cascade's fields, or, when it still needs a number, the cascade's number form. */
  const pickCandidate = (c: ZoningCandidate) => {
    if (c.compound && c.hint) {
      setCascadeStart({ town: c.town, village: c.village, compound: c.compound });
      setCascadeKey((k) => k + 1);
      setMode('cascade');
      setResult(null);
      return;
    }
    void lookup({ town: c.town, ...(c.village ? { village: c.village } : {}), ...(c.compound ? { compound: c.compound } : {}) });
  };

  if (years.data && !years.data.length) {
    return (
      <View className={pageRootClass('gk-page gk-zoning e2e-service-page e2e-service-page-zoning e2e-zoning')}>
        <EmptyState text='本年度划片范围尚未公布' hint='公布后可在此按住址查询对口学校，请留意县教育局发布的划片招生方案。' />
      </View>
    );
  }

  return (
    <View className={pageRootClass('gk-page gk-zoning e2e-service-page e2e-service-page-zoning e2e-zoning')}>
      {years.data && years.data.length > 1 ? (
        <View className='gk-zoning__section e2e-zoning-years'>
          <Text className='gk-zoning__title'>招生年度</Text>
          <View className='gk-zoning__chips' role='radiogroup' aria-label='招生年度'>
            {years.data.map((y) => {
              const on = y.year === shownYear;
              return (
                <View
                  key={y.year}
                  className={`gk-zoning__chip ${on ? 'gk-zoning__chip--on e2e-selected' : ''} e2e-zoning-year-${y.year}`}
                  role='radio'
                  aria-checked={on}
                  onClick={() => pickYear(y.year)}
                >
                  <Text>
                    {y.year}年{y.current ? '（当前）' : ''}
                  </Text>
                </View>
              );
            })}
          </View>
        </View>
      ) : null}

      <View className='gk-zoning__section'>
        <View className='gk-zoning__tabs' role='tablist'>
          {MODES.map((m) => (
            <View
              key={m.key}
              className={`gk-zoning__tab ${m.key === mode ? 'gk-zoning__tab--on e2e-selected' : ''} e2e-zoning-mode-${m.key}`}
              role='tab'
              aria-selected={m.key === mode}
              onClick={() => switchMode(m.key)}
            >
              <Text>{m.label}</Text>
            </View>
          ))}
        </View>

        <Text className='gk-zoning__label'>孩子的户籍</Text>
        <Chips options={APPLICANT_OPTIONS} selected={applicant} onSelect={setApplicant} hookPrefix='e2e-zoning-applicant' />

        {mode === 'text' ? (
          <View className='e2e-zoning-text'>
            <Text className='gk-zoning__label'>住址</Text>
            <Input
              className='gk-zoning-input e2e-zoning-q'
              value={q}
              maxlength={ZONING_LIMITS.query}
              confirmType='search'
              placeholder='输入住址，如：北辰花园3号楼、新昌路35号'
              aria-label='住址'
              onInput={(e) => setQ(e.detail.value)}
              onConfirm={searchText}
            />
            <Text className='gk-zoning__hint'>写到小区和楼号，或道路和门牌号即可；只用于本次查询，不会保存您的住址。</Text>
            <View className={`gk-zoning__button e2e-zoning-search ${busy ? 'gk-zoning__button--disabled' : ''}`} role='button' aria-disabled={busy} onClick={searchText}>
              <Text>{busy ? '查询中…' : '查询'}</Text>
            </View>
          </View>
        ) : (
          <ZoningCascade key={cascadeKey} year={year ?? undefined} start={cascadeStart} busy={busy} onLookup={lookupPlace} />
        )}
      </View>

      {error ? (
        <View className='gk-zoning__section e2e-zoning-error' role='alert'>
          <Text className='gk-zoning__error'>{error}</Text>
        </View>
      ) : null}
      {result ? <ZoningAnswer result={result} onCandidate={pickCandidate} onCascade={() => switchMode('cascade')} /> : null}

      <View className='gk-zoning__footnote'>
        <Text>查询结果依据县教育局公布的当年划片范围{shownYear ? `（${shownYear}年）` : ''}，以正式招生方案为准；入学材料审核以学校为准。</Text>
      </View>
    </View>
  );
}
