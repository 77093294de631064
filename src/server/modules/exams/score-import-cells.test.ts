import { describe, expect, it } from 'vitest';
import { readOptionCell, readScoreCell } from '../../../common/exams/score-cell.js';
import { readOption, readScore } from './score-import.js';

// The import's fast paths must read every cell exactly as the shared readers do (they only skip work).
describe('score import cell fast paths', () => {
  const scores = [
    '',
    '0',
    '12',
    '2.5',
    '100.25',
    '007',
    ' 12 ',
    '１２',
    '8,5',
    '-3',
    '1e2',
    '缺考',
    '作弊',
    '免考',
    'abc',
    '3.',
    '.5',
  ];
  it.each(scores)('score cell %j reads as readScoreCell reads it', (raw) => {
    expect(readScore(raw)).toEqual(readScoreCell(raw));
  });
  it('an absent score cell is blank', () => {
    expect(readScore(undefined)).toEqual(readScoreCell(undefined));
  });
  const options = ['', 'A', 'D', 'BD', 'ABCDEF', 'ABCDEFG', 'a', ' B ', 'Ｃ', '1', 'A1'];
  it.each(options)('option cell %j reads as readOptionCell reads it', (raw) => {
    expect(readOption(raw)).toEqual(readOptionCell(raw));
  });
});
