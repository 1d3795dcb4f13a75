import { useState, type ChangeEvent } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WordImportResult } from '@gongkai/shared';
import { errorMessage } from '../../../../api/errors';
import { importWord } from '../../../../api/staff-files';

/**
 * H5: 导入 Word — choose a .docx; the server turns it into a title, 文号, body and pictures, and
 * `onImported` puts them into the form (resolving false when the author kept the old body). A .doc
 * may be chosen too: the server answers with how to save it as .docx. weapp: WordImport.tsx.
 */
export function WordImport({ onImported }: { onImported: (result: WordImportResult) => Promise<boolean> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (file: File) => {
    setBusy(true);
    setError('');
    const path = URL.createObjectURL(file);
    try {
      const result = await importWord(path, file.name);
      if (await onImported(result)) void Taro.showToast({ title: '已导入', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      URL.revokeObjectURL(path);
      setBusy(false);
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file && !busy) void run(file);
  };

  return (
    <View className='gk-form-field gk-compose__import e2e-compose-word'>
      <label className={`gk-btn gk-btn--small e2e-compose-import-word ${busy ? 'gk-btn--disabled' : ''}`}>
        <span>{busy ? '正在导入…' : '导入 Word'}</span>
        {/* Hidden by style: the app's input rule would override the `hidden` attribute. */}
        <input className='e2e-compose-import-word-input' type='file' accept='.docx,.doc' style={{ display: 'none' }} disabled={busy} onChange={onChange} />
      </label>
      <Text className='gk-form-field__hint'>从 .docx 文档取标题、文号、正文和其中的图片；表格等格式原样保留。</Text>
      {error ? <Text className='gk-form-field__error e2e-compose-import-error'>{error}</Text> : null}
    </View>
  );
}
