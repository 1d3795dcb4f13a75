import { holdsCompact } from './search.service';

describe('holdsCompact (a quoted phrase in a notice text)', () => {
  it('finds the phrase across spaces, punctuation and line breaks, as compacted text would', () => {
    expect(holdsCompact('关于印发《2026年招生 工作\n方案》的通知', '招生工作方案')).toBe(true);
    expect(holdsCompact('招生——工作、方案', '招生工作方案')).toBe(true);
  });

  it('does not find it when other characters stand between, or when only a part is there', () => {
    expect(holdsCompact('招生的工作方案', '招生工作方案')).toBe(false);
    expect(holdsCompact('招生工作', '招生工作方案')).toBe(false);
    expect(holdsCompact('', '招生')).toBe(false);
  });

  it('checks every place the first character stands, and a long run of spaces between', () => {
    expect(holdsCompact('招聘教师；招生计划；招生工作方案', '招生工作方案')).toBe(true);
    expect(holdsCompact(`学区${' '.repeat(200)}划分`, '学区划分')).toBe(true);
  });
});
