import { useState, type ChangeEvent } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { ZONING_LIMITS, ZONING_YEAR_MAX, ZONING_YEAR_MIN, type ErrorDetail, type ZoningImportResult } from '@gongkai/shared';
import { ApiError, errorMessage } from '../../../../api/errors';
import { importZoningTable } from '../../../../api/zoning';
import { formatSize } from '../../../../utils/format';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { DiffView } from './DiffView';
import { ZONING_TABLE_STATE_LABELS } from '../../../../utils/zoning-text';

const isCsv = (name: string) => /\.csv$/i.test(name);
const isWorkbook = (name: string) => /\.xlsx$/i.test(name);

/** The import's problems as a table: 工作表 · 行 · 列 · 问题 (a problem of the whole file has no row or column). */
export function ImportIssues({ issues, message }: { issues: readonly ErrorDetail[]; message: string }) {
  return (
    <View className='e2e-zoning-issues'>
      <Text className='gk-zs__error e2e-zoning-issues-message'>{message}</Text>
      <View className='gk-zs__grid' role='table'>
        <View className='gk-zs__grid-row gk-zs__grid-row--head' role='row'>
          <Text className='gk-zs__cell gk-zs__cell--sheet'>工作表</Text>
          <Text className='gk-zs__cell gk-zs__cell--row'>行</Text>
          <Text className='gk-zs__cell gk-zs__cell--column'>列</Text>
          <Text className='gk-zs__cell gk-zs__cell--message'>问题</Text>
        </View>
        {issues.map((d, i) => (
          <View key={i} className='gk-zs__grid-row e2e-zoning-issue' role='row' data-sheet={d.sheet ?? ''} data-row={d.row ?? ''} data-column={d.column ?? ''}>
            <Text className='gk-zs__cell gk-zs__cell--sheet e2e-zoning-issue-sheet'>{d.sheet ?? '—'}</Text>
            <Text className='gk-zs__cell gk-zs__cell--row e2e-zoning-issue-row'>{d.row ?? '—'}</Text>
            <Text className='gk-zs__cell gk-zs__cell--column e2e-zoning-issue-column'>{d.column ?? '—'}</Text>
            <Text className='gk-zs__cell gk-zs__cell--message e2e-zoning-issue-message'>{d.message}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** A file input drawn as a button (the app's input rule would override `hidden`, so it is hidden by style). */
function FileChoice({ label, accept, hook, onFile }: { label: string; accept: string; hook: string; onFile: (file: File) => void }) {
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) fires again.
    e.target.value = '';
    if (file) onFile(file);
  };
  return (
    <label className={`gk-btn gk-btn--small gk-zs__file-choice ${hook}`}>
      <span>{label}</span>
      <input className={`${hook}-input`} type='file' accept={accept} style={{ display: 'none' }} onChange={onChange} />
    </label>
  );
}

/**
 * H5: 导入划片表 — the school year, an XLSX (or a CSV of rules with an optional CSV of schools),
 * 导入; then either the problems, row by row (nothing was imported), or the new draft table and what
 * it changes against the previous year. weapp: ImportPanel.tsx (a note).
 */
export function ImportPanel({ defaultYear, onImported }: { defaultYear: number; onImported: (result: ZoningImportResult) => void }) {
  const [yearText, setYearText] = useState(String(defaultYear));
  const [file, setFile] = useState<File | null>(null);
  const [schools, setSchools] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [percent, setPercent] = useState(0);
  const [problem, setProblem] = useState<{ message: string; issues: ErrorDetail[] } | null>(null);
  const [result, setResult] = useState<ZoningImportResult | null>(null);

  const chooseFile = (f: File) => {
    setProblem(null);
    setResult(null);
    if (!isWorkbook(f.name) && !isCsv(f.name)) {
      setFile(null);
      setProblem({ message: '请选择 .xlsx 或 .csv 文件（可先下载导入模板）', issues: [] });
      return;
    }
    if (f.size > ZONING_LIMITS.fileBytes) {
      setFile(null);
      setProblem({ message: `文件不能超过 ${formatSize(ZONING_LIMITS.fileBytes)}`, issues: [] });
      return;
    }
    setFile(f);
    if (!isCsv(f.name)) setSchools(null);
  };

  const submit = async () => {
    if (busy) return;
    const year = Number(yearText.trim());
    if (!Number.isInteger(year) || year < ZONING_YEAR_MIN || year > ZONING_YEAR_MAX) {
      setProblem({ message: `请填写招生年度（${ZONING_YEAR_MIN}—${ZONING_YEAR_MAX}）`, issues: [] });
      return;
    }
    if (!file) {
      setProblem({ message: '请先选择文件', issues: [] });
      return;
    }
    setBusy(true);
    setPercent(0);
    setProblem(null);
    setResult(null);
    const paths: string[] = [];
    const chosen = (f: File) => {
      const path = URL.createObjectURL(f);
      paths.push(path);
      return { path, name: f.name };
    };
    try {
      const done = await importZoningTable(year, chosen(file), schools ? chosen(schools) : undefined, setPercent);
      setResult(done);
      setFile(null);
      setSchools(null);
      void Taro.showToast({ title: '已导入', icon: 'success' });
      onImported(done);
    } catch (e) {
      const issues = e instanceof ApiError && e.details ? e.details : [];
      setProblem({ message: errorMessage(e), issues });
    } finally {
      paths.forEach((p) => URL.revokeObjectURL(p));
      setBusy(false);
    }
  };

  return (
    <View className='gk-zs__section e2e-zoning-import'>
      <Text className='gk-zs__title'>导入划片表</Text>
      <Text className='gk-zs__note'>按模板填写的 Excel（.xlsx）或 CSV 文件；有任何问题时整份不导入，并列出问题所在的行和列。导入后为草稿，关联划片通知并审核发布后生效。</Text>
      <View className='gk-zs__row'>
        <Text className='gk-zs__key'>招生年度</Text>
        <Input className='gk-input e2e-zoning-import-year' type='number' maxlength={4} value={yearText} aria-label='招生年度' onInput={(e) => setYearText(e.detail.value)} />
      </View>
      <View className='gk-zs__row'>
        <Text className='gk-zs__key'>划片表</Text>
        <FileChoice label='选择文件' accept='.xlsx,.csv' hook='e2e-zoning-import-file' onFile={chooseFile} />
        {file ? <Text className='gk-zs__value e2e-zoning-import-file-name'>{file.name}（{formatSize(file.size)}）</Text> : null}
      </View>
      {file && isCsv(file.name) ? (
        <View className='gk-zs__row'>
          <Text className='gk-zs__key'>学校信息</Text>
          <FileChoice label='选择 CSV（可选）' accept='.csv' hook='e2e-zoning-import-schools' onFile={(f) => setSchools(f)} />
          <Text className='gk-zs__value'>{schools ? schools.name : '不选则沿用本年度已有的学校信息'}</Text>
        </View>
      ) : null}
      <View className='gk-btn-row'>
        <View className={`gk-btn gk-btn--primary e2e-zoning-import-submit ${busy || !file ? 'gk-btn--disabled' : ''}`} onClick={() => void submit()}>
          <Text>{busy ? `正在导入… ${percent}%` : '导入'}</Text>
        </View>
      </View>
      {busy ? (
        <View className='gk-zs__progress' role='progressbar' aria-valuenow={percent}>
          <View className='gk-zs__progress-fill' style={{ width: `${percent}%` }} />
        </View>
      ) : null}
      {problem ? <ImportIssues issues={problem.issues} message={problem.message} /> : null}
      {result ? (
        <View className='e2e-zoning-import-result' data-table={result.table.id}>
          <Text className='gk-zs__ok e2e-zoning-import-summary'>
            已导入{result.table.year}年划片表：{result.table.ruleCount} 条规则、{result.table.schoolCount} 所学校（{ZONING_TABLE_STATE_LABELS[result.table.state]}）
          </Text>
          <DiffView diff={result.diff} />
          <View className='gk-btn-row'>
            <View className='gk-btn gk-btn--primary e2e-zoning-import-open' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffZoningTable, { id: result.table.id }) })}>
              <Text>查看此表：核对规则、关联通知</Text>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
