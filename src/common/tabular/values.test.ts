import { describe, expect, it } from 'vitest';
import { excelSerialToYmd, parseDateText } from './dates.js';
import { formatValue } from './format.js';
import { neutralizeFormula, unneutralizeFormula } from './neutralize.js';
import { formatNumber, parseNumberText } from './numbers.js';
import { columnLetter, normalizeHeader, toHalfWidth } from './text.js';

describe('text helpers', () => {
  it('folds full-width characters and normalises headers', () => {
    expect(toHalfWidth('１２３ＡＢｃ，．')).toBe('123ABc,.');
    expect(normalizeHeader(' 出生\n日期＊ ')).toBe('出生日期');
    expect(normalizeHeader('*Birth Date')).toBe('birthdate');
  });

  it('names columns by letters', () => {
    expect([0, 25, 26, 51, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('numbers', () => {
  it('parses what people type', () => {
    expect(parseNumberText('１，２３４.５')).toBe(1234.5);
    expect(parseNumberText('-3')).toBe(-3);
    expect(parseNumberText('95.3%')).toBe(0.953);
    expect(parseNumberText('95%', false)).toBeNull();
    expect(parseNumberText('12a')).toBeNull();
  });

  it('writes numbers as Excel shows them', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(430103200001011000)).toBe('430103200001011000');
    expect(formatNumber(-12)).toBe('-12');
  });
});

describe('dates', () => {
  it('converts Excel serial numbers', () => {
    expect(excelSerialToYmd(44960)).toBe('2023-02-03');
    expect(excelSerialToYmd(61)).toBe('1900-03-01');
  });

  it('says why a text is not a date', () => {
    expect(parseDateText('2023-02-30')).toEqual({ ok: false, reason: 'impossible', text: '2023-02-30' });
    expect(parseDateText('2100-12-31')).toEqual({ ok: true, value: '2100-12-31' });
    expect(parseDateText('abc')).toMatchObject({ ok: false, reason: 'format' });
  });
});

describe('formula neutralisation', () => {
  it('prefixes a quote to = + - @ tab and CR, and removes it again', () => {
    for (const t of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx', '＝1']) {
      expect(neutralizeFormula(t)).toBe(`'${t}`);
      expect(unneutralizeFormula(neutralizeFormula(t))).toBe(t);
    }
    expect(neutralizeFormula('张三')).toBe('张三');
    expect(neutralizeFormula("'=x")).toBe("'=x");
  });
});

describe('formatValue', () => {
  it('reads dates from UTC or local midnights', () => {
    const spec = { key: 'd', header: '日期', headerEn: 'Date', type: 'date' as const };
    expect(formatValue(spec, new Date(Date.UTC(2023, 1, 3)))).toBe('2023-02-03');
    expect(formatValue(spec, new Date(2023, 1, 3))).toBe('2023-02-03');
    expect(formatValue(spec, '2023-02-03T00:00:00.000Z')).toBe('2023-02-03');
  });
});
