import { creditCodeProblem, maskIdNumber, maskPersonName, residentIdNumberProblem } from './identity-numbers';

describe('identity numbers of 依申请公开 applicants', () => {
  it('accepts the standards own examples and refuses a wrong check character, length or birth date', () => {
    // GB 11643-1999's example number; GB 32100-2015's example code.
    expect(residentIdNumberProblem('11010519491231002X')).toBeNull();
    expect(residentIdNumberProblem('11010519491231002x')).toBeNull();
    expect(residentIdNumberProblem('110105194912310021')).toBe('居民身份证号码校验位不符，请逐位核对');
    expect(residentIdNumberProblem('11010519491231002')).toBe('居民身份证号码应为18位（最后一位可以是X）');
    expect(residentIdNumberProblem('110105194902300025')).toBe('居民身份证号码中的出生日期不正确，请核对');
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码校验位不符，请逐位核对');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）');
    expect(creditCodeProblem('91350100MO00100Y43')).toBe('统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）');
  });

  it('masks numbers and names', () => {
    expect(maskIdNumber('370725199001011239')).toBe('3707**********1239');
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('AB1')).toBe('***');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('李')).toBe('*');
  });
});
