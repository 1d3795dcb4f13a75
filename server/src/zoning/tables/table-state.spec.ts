import { effectiveFrom, tableState, tablesInEffect, type TableStateInput } from './table-state';

const SET_UP = new Date('2025-06-20T02:00:00Z');
const PUBLISHED = new Date('2026-06-16T01:00:00Z');

const table = (t: Partial<TableStateInput> & { id: number; year: number }): TableStateInput => ({ setupPublishedAt: null, notice: null, ...t });

describe('table state', () => {
  it('puts a set-up table in effect from its set-up time, with or without its published notice', () => {
    expect(effectiveFrom(table({ id: 1, year: 2025, setupPublishedAt: SET_UP }))).toEqual(SET_UP);
    expect(effectiveFrom(table({ id: 1, year: 2025, setupPublishedAt: SET_UP, notice: { status: 'published', publishedAt: PUBLISHED } }))).toEqual(SET_UP);
  });

  it('takes a table out of effect when its notice is withdrawn, a set-up table too', () => {
    const withdrawn = { status: 'withdrawn' as const, publishedAt: PUBLISHED };
    const setUp = table({ id: 1, year: 2026, setupPublishedAt: SET_UP, notice: withdrawn });
    const reviewed = table({ id: 2, year: 2026, notice: withdrawn });
    expect(effectiveFrom(setUp)).toBeNull();
    expect(effectiveFrom(reviewed)).toBeNull();
    const inEffect = tablesInEffect([table({ id: 3, year: 2025, setupPublishedAt: SET_UP }), setUp, reviewed]);
    expect([...inEffect.keys()]).toEqual([2025]);
    expect(tableState(setUp, inEffect)).toBe('withdrawn');
    expect(tableState(reviewed, inEffect)).toBe('withdrawn');
  });

  it('lets the latest table of a year take over, the earlier one superseded', () => {
    const first = table({ id: 1, year: 2026, setupPublishedAt: SET_UP });
    const later = table({ id: 2, year: 2026, notice: { status: 'published', publishedAt: PUBLISHED } });
    const inEffect = tablesInEffect([first, later]);
    expect(tableState(later, inEffect)).toBe('published');
    expect(tableState(first, inEffect)).toBe('superseded');
  });
});
