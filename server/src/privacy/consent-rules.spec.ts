import { needsAgreement, sameAsLatest } from './consent-rules';

describe('needsAgreement', () => {
  it('asks a parent who never agreed', () => {
    expect(needsAgreement(null, '2026-12-06')).toBe(true);
  });

  it('does not ask again while the agreed version is the one in force', () => {
    expect(needsAgreement({ granted: true, version: '2026-12-06' }, '2026-12-06')).toBe(false);
  });

  it('asks again when the notice has a new version', () => {
    expect(needsAgreement({ granted: true, version: '2026-12-06' }, '2027-03-01')).toBe(true);
  });

  it('asks again after a withdrawal, whatever version it named', () => {
    expect(needsAgreement({ granted: false, version: null }, '2026-12-06')).toBe(true);
    expect(needsAgreement({ granted: false, version: '2026-12-06' }, '2026-12-06')).toBe(true);
  });
});

describe('sameAsLatest (no duplicate records)', () => {
  it('treats withdrawing what was never given as no change', () => {
    expect(sameAsLatest(null, false, null)).toBe(true);
    expect(sameAsLatest(null, true, null)).toBe(false);
  });

  it('treats withdrawing twice as no change', () => {
    expect(sameAsLatest({ granted: false, version: null }, false, null)).toBe(true);
  });

  it('treats agreeing to the same version again as no change, and to a new version as a change', () => {
    expect(sameAsLatest({ granted: true, version: '2026-12-06' }, true, '2026-12-06')).toBe(true);
    expect(sameAsLatest({ granted: true, version: '2026-12-06' }, true, '2027-03-01')).toBe(false);
  });

  it('records giving after a withdrawal and withdrawing after giving', () => {
    expect(sameAsLatest({ granted: false, version: null }, true, null)).toBe(false);
    expect(sameAsLatest({ granted: true, version: null }, false, null)).toBe(false);
  });
});
