import { describe, expect, it } from 'vitest';
import { readOptionCell, readScoreCell } from './score-cell.js';

describe('readScoreCell', () => {
  it('reads numbers with full-width digits and a decimal comma', () => {
    expect(readScoreCell('９０')).toEqual({ kind: 'value', value: 90 });
    expect(readScoreCell('8,5')).toEqual({ kind: 'value', value: 8.5 });
    expect(readScoreCell(' 12.5 ')).toEqual({ kind: 'value', value: 12.5 });
    expect(readScoreCell('-3')).toEqual({ kind: 'value', value: -3 });
  });
  it('reads the three status markers and blanks', () => {
    expect(readScoreCell('缺考')).toEqual({ kind: 'marker', status: 'absent' });
    expect(readScoreCell('作弊')).toEqual({ kind: 'marker', status: 'cheated' });
    expect(readScoreCell('免考')).toEqual({ kind: 'marker', status: 'exempt' });
    expect(readScoreCell('')).toEqual({ kind: 'blank' });
    expect(readScoreCell(undefined)).toEqual({ kind: 'blank' });
  });
  it('refuses other text', () => {
    expect(readScoreCell('九十')).toEqual({ kind: 'invalid', text: '九十' });
  });
  it('reads chosen options', () => {
    expect(readOptionCell('ａ')).toBe('A');
    expect(readOptionCell('bd')).toBe('BD');
    expect(readOptionCell('')).toBeNull();
    expect(readOptionCell('1')).toBeUndefined();
  });
});
