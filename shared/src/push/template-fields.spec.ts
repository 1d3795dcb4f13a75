import { PUSH_FIELD_TYPES, PushFieldError, fitTemplateData, fitValue, pushFieldLabel, validateValue, type PushChannel, type PushFieldType } from './template-fields';

const len = (s: string) => Array.from(s).length;
/** fitValue, checked against validateValue on the way out. */
const fit = (type: PushFieldType, raw: string | Date | number, opts?: Parameters<typeof fitValue>[2]) => {
  const value = fitValue(type, raw, opts);
  expect(validateValue(type, value, opts?.channel)).toBeNull();
  return value;
};

describe('thing', () => {
  it('keeps up to 20 characters and cuts longer text with an ellipsis counted in the 20', () => {
    expect(fit('thing', '2026年秋季学期开学通知')).toBe('2026年秋季学期开学通知');
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fit('thing', twenty)).toBe(twenty);
    expect(fit('thing', `${twenty}一`)).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(len(fit('thing', 'x'.repeat(100)))).toBe(20);
  });

  it('counts an emoji (a surrogate pair) as one character and never splits one', () => {
    const emoji = '😀'.repeat(20);
    expect(fit('thing', emoji)).toBe(emoji);
    const cut = fit('thing', `${'😀'.repeat(25)}`);
    expect(cut).toBe(`${'😀'.repeat(19)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(fit('thing', `关于${'👨‍👩‍👧'}的通知`)).toBe('关于👨‍👩‍👧的通知');
  });

  it('turns newlines into spaces, drops control characters, collapses and trims whitespace', () => {
    expect(fit('thing', '  第一行\r\n第二行\t\u0007结束  ')).toBe('第一行 第二行 结束');
    expect(fit('thing', 'a\u2028b\u202Ec\u200Bd')).toBe('a bcd');
    expect(fit('thing', 'lone \uD800 surrogate')).toBe('lone surrogate');
  });

  it('never sends an empty value: a placeholder instead', () => {
    expect(fit('thing', '')).toBe('无');
    expect(fit('thing', ' \n\t ')).toBe('无');
    expect(fit('thing', '', { placeholder: '暂无' })).toBe('暂无');
  });

  it('refuses what WeChat refuses', () => {
    expect(validateValue('thing', 'x'.repeat(21))).toMatch('不超过20');
    expect(validateValue('thing', 'a\nb')).toMatch('换行');
    expect(validateValue('thing', '')).toMatch('不能为空');
    expect(validateValue('thing', ' a')).toMatch('空白');
    expect(validateValue('thing', 12)).toMatch('文字');
  });
});

describe('number', () => {
  it('writes numbers in full, with decimals, up to 32 characters', () => {
    expect(fit('number', 42)).toBe('42');
    expect(fit('number', 3.5)).toBe('3.5');
    expect(fit('number', 1e21)).toBe('1000000000000000000000');
    expect(fit('number', 1e-7)).toBe('0.0000001');
    expect(fit('number', ' 1,234 ')).toBe('1234');
    expect(fit('number', '１２３')).toBe('123');
    const d32 = '9'.repeat(32);
    expect(fit('number', d32)).toBe(d32);
    expect(fit('number', `1.${'3'.repeat(40)}`)).toBe(`1.${'3'.repeat(30)}`);
    expect(fit('number', `${'1'.repeat(31)}.5`)).toBe('1'.repeat(31));
  });

  it('throws rather than change a number’s size or invent one', () => {
    expect(() => fitValue('number', '9'.repeat(33))).toThrow(PushFieldError);
    expect(() => fitValue('number', -1)).toThrow('非负');
    expect(() => fitValue('number', Number.NaN)).toThrow(PushFieldError);
    expect(() => fitValue('number', '十二')).toThrow('不是数字');
    expect(() => fitValue('number', '')).toThrow(PushFieldError);
    expect(validateValue('number', '1e5')).not.toBeNull();
    expect(validateValue('number', '9'.repeat(33))).toMatch('32');
  });
});

describe('letter, symbol, character_string', () => {
  it('letter keeps ASCII letters only, up to 32', () => {
    expect(fit('letter', 'Grade 3-A 班')).toBe('GradeA');
    expect(fit('letter', 'ＡＢＣ')).toBe('ABC');
    expect(fit('letter', 'x'.repeat(40))).toBe('x'.repeat(32));
    expect(() => fitValue('letter', '一二三 123')).toThrow(PushFieldError);
  });

  it('symbol keeps signs only, up to 5', () => {
    expect(fit('symbol', 'A+B-C*D/E=F%')).toBe('+-*/=');
    expect(fit('symbol', '中文')).toBe('-');
    expect(validateValue('symbol', 'abc')).not.toBeNull();
    expect(validateValue('symbol', '++++++')).toMatch('5');
  });

  it('character_string drops Chinese, joins words with "-" and keeps 32', () => {
    expect(fit('character_string', '报名号 GK 2026 001')).toBe('GK-2026-001');
    expect(fit('character_string', 'ＧＫ－００１')).toBe('GK-001');
    expect(fit('character_string', 'a'.repeat(40))).toBe('a'.repeat(32));
    expect(fit('character_string', '全中文')).toBe('-');
    expect(validateValue('character_string', 'AB中')).not.toBeNull();
    expect(validateValue('character_string', 'a b')).not.toBeNull();
  });
});

describe('time and date in Asia/Shanghai', () => {
  it('writes a Date as the Shanghai day and time, also just before and after Shanghai midnight', () => {
    expect(fit('time', new Date('2026-09-01T00:30:00Z'))).toBe('2026年9月1日 08:30');
    expect(fit('time', new Date('2026-09-30T15:59:00Z'))).toBe('2026年9月30日 23:59');
    expect(fit('time', new Date('2026-09-30T16:00:00Z'))).toBe('2026年10月1日 00:00');
    expect(fit('time', new Date('2026-12-31T16:05:00Z'), { timeOnly: true })).toBe('00:05');
    expect(fit('date', new Date('2026-09-30T15:59:59.999Z'))).toBe('2026年9月30日');
    expect(fit('date', new Date('2026-09-30T16:00:00Z'))).toBe('2026年10月1日');
    expect(fit('date', new Date('2026-12-31T16:00:00Z'), { withTime: true })).toBe('2027年1月1日 00:00');
    expect(fit('date', Date.UTC(2026, 1, 28, 16))).toBe('2026年3月1日');
    expect(fit('date', '2026-09-30T23:30:00-01:00')).toBe('2026年10月1日');
  });

  it('keeps the documented text forms and tidies near ones', () => {
    expect(fit('time', '15:01')).toBe('15:01');
    expect(fit('time', '8:05')).toBe('08:05');
    expect(fit('time', '2026年9月1日 08:00')).toBe('2026年9月1日 08:00');
    expect(fit('time', '2026年9月1日08:00')).toBe('2026年9月1日 08:00');
    expect(fit('time', '08:00 ～ 09:30')).toBe('08:00~09:30');
    expect(fit('time', '１５：０１')).toBe('15:01');
    expect(fit('date', '2026-09-01')).toBe('2026-09-01');
    expect(fit('date', '2026/9/1')).toBe('2026年9月1日');
    expect(fit('date', '2026年9月1日 ~ 2026年9月3日')).toBe('2026年9月1日~2026年9月3日');
  });

  it('throws on what cannot be read as a time or date instead of making one up', () => {
    expect(() => fitValue('time', '明天上午')).toThrow(PushFieldError);
    expect(() => fitValue('time', '25:00')).toThrow(PushFieldError);
    expect(() => fitValue('date', '2026年2月30日')).toThrow(PushFieldError);
    expect(() => fitValue('date', '2026-09-01 08:00')).not.toThrow();
    expect(() => fitValue('date', new Date('nonsense'))).toThrow(PushFieldError);
    expect(() => fitValue('date', '2026-09-01T08:00:00')).toThrow(PushFieldError); // no offset: which zone?
    expect(validateValue('date', '2026年13月1日')).not.toBeNull();
    expect(validateValue('time', '2026年9月1日')).not.toBeNull();
    expect(validateValue('time', '8:05')).not.toBeNull();
  });
});

describe('amount', () => {
  it('is a currency sign and at most 10 digits', () => {
    expect(fit('amount', 12.5)).toBe('¥12.50');
    expect(fit('amount', 0)).toBe('¥0.00');
    expect(fit('amount', '12.5元')).toBe('¥12.5');
    expect(fit('amount', '￥1,200')).toBe('¥1200');
    expect(fit('amount', '$3')).toBe('$3');
    expect(fit('amount', 12345678.91)).toBe('¥12345678.91');
    expect(fit('amount', 123456789.99)).toBe('¥123456789.9');
    expect(fit('amount', 5, { currency: '€' })).toBe('€5.00');
    expect(validateValue('amount', '¥100元')).toBeNull();
    expect(validateValue('amount', '100')).not.toBeNull();
    expect(validateValue('amount', '¥12345678901')).toMatch('10');
  });

  it('throws on amounts that do not fit or are not amounts', () => {
    expect(() => fitValue('amount', 12345678901)).toThrow(PushFieldError);
    expect(() => fitValue('amount', -1)).toThrow(PushFieldError);
    expect(() => fitValue('amount', '免费')).toThrow(PushFieldError);
    expect(() => fitValue('amount', 1, { currency: 'RMB' })).toThrow(PushFieldError);
  });
});

describe('phone_number and car_number', () => {
  it('phone numbers keep digits, + and -, up to 17', () => {
    expect(fit('phone_number', '+86 0539 1234567')).toBe('+86-0539-1234567');
    expect(fit('phone_number', '(0539) 123-4567')).toBe('0539-123-4567');
    expect(fit('phone_number', '电话：13800138000')).toBe('13800138000');
    expect(() => fitValue('phone_number', '+86-0539-12345678901')).toThrow(PushFieldError); // never cut a number
    expect(() => fitValue('phone_number', '无')).toThrow(PushFieldError);
  });

  it('car numbers: Chinese first and last, letters and digits between, up to 8', () => {
    expect(fit('car_number', '鲁Q·12345')).toBe('鲁Q12345');
    expect(fit('car_number', '粤a8z888挂')).toBe('粤A8Z888挂');
    expect(() => fitValue('car_number', '鲁Q1234567')).toThrow(PushFieldError);
    expect(() => fitValue('car_number', '没有车')).toThrow(PushFieldError);
  });
});

describe('name and phrase', () => {
  it('names: 10 Chinese characters, or 20 letters when not Chinese', () => {
    expect(fit('name', '张三')).toBe('张三');
    expect(fit('name', '阿卜杜·热合曼')).toBe('阿卜杜·热合曼');
    expect(fit('name', '一二三四五六七八九十十一')).toBe('一二三四五六七八九十');
    expect(fit('name', '张 Lily 3班')).toBe('张Lily班');
    expect(fit('name', 'Alexander Hamilton-Smith Jr')).toBe('Alexander Hamilton-S');
    expect(fit('name', '  Mary   Ann ')).toBe('Mary Ann');
    expect(fit('name', '123')).toBe('无');
    expect(validateValue('name', '张三 李四')).not.toBeNull();
    expect(validateValue('name', 'x'.repeat(21))).toMatch('20');
  });

  it('phrases: up to 5 Chinese characters only', () => {
    expect(fit('phrase', '已发布')).toBe('已发布');
    expect(fit('phrase', '审核 通过 OK')).toBe('审核通过');
    expect(fit('phrase', '正在审核中请稍候')).toBe('正在审核中');
    expect(fit('phrase', 'done')).toBe('无');
    expect(validateValue('phrase', '通过!')).not.toBeNull();
  });
});

describe('template messages (May 2023 rules)', () => {
  it('caps every field at 20 characters', () => {
    expect(fit('keyword', `${'长'.repeat(30)}`, { channel: 'template' })).toBe(`${'长'.repeat(19)}…`);
    expect(fit('character_string', 'a'.repeat(30), { channel: 'template' })).toBe('a'.repeat(20));
    expect(fit('number', `12.${'5'.repeat(30)}`, { channel: 'template' })).toBe(`12.${'5'.repeat(17)}`);
    expect(() => fitValue('number', '1'.repeat(25), { channel: 'template' })).toThrow(PushFieldError);
    expect(validateValue('character_string', 'a'.repeat(25), 'template')).toMatch('20');
    expect(validateValue('character_string', 'a'.repeat(25), 'subscribe')).toBeNull();
  });
});

describe('fitTemplateData', () => {
  const fields = [
    { key: 'thing1', type: 'thing' },
    { key: 'time2', type: 'time' },
    { key: 'phrase3', type: 'phrase' },
    { key: 'number4', type: 'number' },
  ] as const;

  it('fits every field and lists the ones it changed', () => {
    const at = new Date('2026-09-01T00:00:00Z');
    const result = fitTemplateData(fields, { thing1: '关于2026年秋季学期义务教育阶段招生入学工作的通知', time2: at, phrase3: '已发布', number4: 3 });
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({
      thing1: { value: '关于2026年秋季学期义务教育阶段招生…' },
      time2: { value: '2026年9月1日 08:00' },
      phrase3: { value: '已发布' },
      number4: { value: '3' },
    });
    expect(result.changed).toEqual([{ key: 'thing1', from: '关于2026年秋季学期义务教育阶段招生入学工作的通知', to: '关于2026年秋季学期义务教育阶段招生…' }]);
  });

  it('reports fields it cannot fill instead of sending made-up values', () => {
    const result = fitTemplateData(fields, { thing1: '', time2: '改天', number4: { n: 1 } });
    expect(result.data).toEqual({ thing1: { value: '无' }, phrase3: { value: '无' } });
    expect(result.changed).toEqual([
      { key: 'thing1', from: '', to: '无' },
      { key: 'phrase3', from: '', to: '无' }, // missing: the preview shows the placeholder
    ]);
    expect(result.problems.map((p) => p.key)).toEqual(['time2', 'number4']);
  });
});

describe('fitValue never produces a value validateValue refuses', () => {
  /** A small seeded generator, so a failure can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pools = [
    'abcXYZ0123456789', ' \t\n\r', '，。！？、…·-+()~:：/年月日元¥', '教育局通知张三李四审核中已发布', '😀👨‍👩‍👧🇨🇳', '\u0000\u0007\u200B\u202E\uFEFF\u2028',
    'ＡＢＣ１２３', '\uD800\uDC00\uDFFF', 'éñüÅ', '鲁Q粤A挂',
  ];

  it.each(['subscribe', 'template'] as PushChannel[])('for random strings, every type (%s)', (channel) => {
    const next = random(20260901);
    let fitted = 0;
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(next() * 60);
      let s = '';
      for (let j = 0; j < n; j++) {
        const pool = pools[Math.floor(next() * pools.length)]!;
        s += pool[Math.floor(next() * pool.length)];
      }
      for (const type of PUSH_FIELD_TYPES) {
        let value: string;
        try {
          value = fitValue(type, s, { channel });
        } catch (error) {
          // Only the types that cannot invent a value may refuse, and only with PushFieldError.
          expect(error).toBeInstanceOf(PushFieldError);
          expect(['number', 'letter', 'time', 'date', 'amount', 'phone_number', 'car_number']).toContain(type);
          continue;
        }
        const problem = validateValue(type, value, channel);
        if (problem) throw new Error(`${type} ${JSON.stringify(s)} → ${JSON.stringify(value)}: ${problem}`);
        fitted++;
      }
    }
    expect(fitted).toBeGreaterThan(3000 * 5);
  });

  it('for random numbers and instants', () => {
    const next = random(7);
    for (let i = 0; i < 2000; i++) {
      const x = next() * 10 ** Math.floor(next() * 25);
      for (const type of ['number', 'amount', 'thing', 'character_string'] as const) {
        try {
          expect(validateValue(type, fitValue(type, x))).toBeNull();
        } catch (error) {
          expect(error).toBeInstanceOf(PushFieldError);
        }
      }
      const at = new Date(Date.UTC(2000, 0, 1) + Math.floor(next() * 40 * 365 * 86_400_000));
      for (const type of ['time', 'date'] as const) {
        expect(validateValue(type, fitValue(type, at))).toBeNull();
        expect(validateValue(type, fitValue(type, at, { timeOnly: true, withTime: true }), 'template')).toBeNull();
      }
    }
  });
});

describe('pushFieldLabel', () => {
  it('names a field as the template does, or by its place and kind, never by its key', () => {
    expect(pushFieldLabel('thing1', 'thing', { thing1: '通知标题' }, 0)).toBe('通知标题');
    expect(pushFieldLabel('time2', 'time', { thing1: '通知标题' }, 1)).toBe('第2项（时间）');
    expect(pushFieldLabel('character_string12', 'character_string', undefined, 0)).toBe('第12项（编号）');
    expect(pushFieldLabel('first', 'keyword', { first: '  ' }, 2)).toBe('第3项（内容）');
  });
});
