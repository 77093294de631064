import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type ExamAnalysisJson, examAnalyzeCommand, parseScoreCell } from './cli-exam.js';

const dir = mkdtempSync(path.join(tmpdir(), 'exam-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Runs the command, returning the exit code, stdout and stderr. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await examAnalyzeCommand(args);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PAPER = '题号,满分,知识点\n1,1,代数\n2,1,几何\n3,4,函数\n4,5,统计\n';

/**
 * The hand-worked 10 × 4 matrix of src/common/exams/items.test.ts (totals 11 9 8 8 7 5 4 3 2 0, full marks 11),
 * spread over two schools and four classes, with a full-width digit (２), a decimal comma ("0,0"), a blank item
 * (counts 0) and two excluded students (缺考, 作弊).
 * Lines: 优秀 ≥ 0.85·11 = 9.35 → only 11 (1/10); 及格 ≥ 6.6 → 11 9 8 8 7 (5/10); 低分 < 4.4 → 4 3 2 0 (4/10).
 * 一中 (11 9 8 8): mean 9, 优秀 1/4, 及格 1, 低分 0 → rank 1. 二中 (7 5 4 3 2 0): mean 3.5, 优秀 0, 及格 1/6,
 * 低分 4/6 → rank 2.
 */
const SCORES = [
  '学籍号,学校,班级,1,2,3,4',
  'S01,一中,1班,1,1,4,5',
  'S02,一中,1班,1,1,3,4',
  'S03,一中,2班,1,0,4,3',
  'S04,一中,2班,0,1,3,4',
  'S05,二中,1班,1,1,2,3',
  'S06,二中,1班,1,0,2,"２"',
  'S07,二中,1班,0,1,1,2',
  'S08,二中,2班,1,,1,1',
  'S09,二中,2班,0,0,1,1',
  'S10,二中,2班,0,0,0,"0,0"',
  'S11,二中,2班,缺考,,,',
  'S12,一中,1班,作弊,,,',
].join('\n');

function checkHandWorked(r: ExamAnalysisJson) {
  const s = r.subjects.总分;
  expect(s.n).toBe(10);
  expect(s.mean).toBeCloseTo(5.7, 12);
  expect(s.sd).toBeCloseTo(3.4657049948186747, 12);
  expect([s.excellentRate, s.passRate, s.lowRate]).toEqual([0.1, 0.5, 0.4]);
  expect(s.alpha).toBeCloseTo(0.7869256860931235, 12);
  expect(s.sem).toBeCloseTo(1.5997685017711971, 12);
  expect(s.items.map((i) => [i.item, i.fullMarks, i.mean, i.difficulty])).toEqual([
    ['1', 1, 0.6, 0.6],
    ['2', 1, 0.5, 0.5],
    ['3', 4, 2.1, 0.525],
    ['4', 5, 2.5, 0.5],
  ]);
  const r4 = [0.4286141417709099, 0.5345224838248487, 0.8542421961772492, 0.9456108576893003];
  const d4 = [0.5, 2.5 / 3, 0.7083333333333334, 0.7];
  for (const [j, it] of s.items.entries()) {
    expect(it.discrimination).toBeCloseTo(r4[j], 12);
    expect(it.upperLowerD).toBeCloseTo(d4[j], 12);
  }
  expect(r.schools).toEqual([
    { school: '一中', subject: '总分', n: 4, mean: 9, excellentRate: 0.25, passRate: 1, lowRate: 0, rank: 1 },
    { school: '二中', subject: '总分', n: 6, mean: 3.5, excellentRate: 0, passRate: 1 / 6, lowRate: 4 / 6, rank: 2 },
  ]);
  // classes: 一中1班 (11, 9) 10; 一中2班 (8, 8) 8; 二中1班 (7, 5, 4) 16/3; 二中2班 (3, 2, 0) 5/3
  expect(r.classes.map((c) => [c.school, c.class, c.n, c.mean, c.rank])).toEqual([
    ['一中', '1班', 2, 10, 1],
    ['一中', '2班', 2, 8, 2],
    ['二中', '1班', 3, 16 / 3, 3],
    ['二中', '2班', 3, 5 / 3, 4],
  ]);
}

describe('exam-analyze', () => {
  it('UTF-8 CSV: the hand-worked paper, markers excluded, full-width digits and decimal commas', async () => {
    const res = await run(['--scores', file('s.csv', SCORES), '--paper', file('p.csv', PAPER), '--json']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    checkHandWorked(JSON.parse(res.out));
  });

  it('GBK CSV and xlsx give the same result', async () => {
    const gbk = await run([
      '--scores',
      file('s-gbk.csv', iconv.encode(SCORES, 'gbk')),
      '--paper',
      file('p-gbk.csv', iconv.encode(PAPER, 'gbk')),
      '--json',
    ]);
    expect(gbk.code).toBe(0);
    checkHandWorked(JSON.parse(gbk.out));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    for (const line of SCORES.split('\n'))
      ws.addRow(
        line
          .match(/("[^"]*"|[^,]*)(,|$)/g)!
          .slice(0, 7)
          .map((c) => c.replace(/,$/, '').replace(/"/g, '')),
      );
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await run(['--scores', file('s.xlsx', xlsx), '--paper', file('p2.csv', PAPER), '--json']);
    expect(res.err).toBe('');
    checkHandWorked(JSON.parse(res.out));
  });

  it('thresholds from the options, exactly on the line (≥ for 优秀/及格, < for 低分)', async () => {
    // full marks 10 (one item): lines 0.9 → 9, 0.5 → 5, 0.3 → 3; scores 9, 5, 3, 2.5
    const paper = file('p3.csv', '题号,满分\nT1,10\n');
    const scores = file('s3.csv', '学籍号,学校,班级,T1\nA,甲校,1班,9\nB,甲校,1班,5\nC,乙校,1班,3\nD,乙校,1班,2.5\n');
    const res = await run([
      '--scores',
      scores,
      '--paper',
      paper,
      '--excellent',
      '0.9',
      '--pass=0.5',
      '--low',
      '0.3',
      '--json',
    ]);
    const s = JSON.parse(res.out).subjects.总分;
    expect([s.excellentRate, s.passRate, s.lowRate]).toEqual([0.25, 0.5, 0.25]);
    expect(s.alpha).toBeNull(); // one item: α undefined
  });

  it('long format with 科目 and 总分 only; a class where all were absent', async () => {
    const paper = file('p4.csv', '科目,题号,满分\n语文,1,60\n语文,2,60\n数学,1,100\n');
    const scores = file(
      's4.csv',
      [
        '学籍号,学校,班级,科目,总分',
        'A,甲校,1班,语文,100',
        'B,甲校,1班,语文,80',
        'C,甲校,2班,语文,缺考',
        'A,甲校,1班,数学,90',
        'B,甲校,1班,数学,60',
        'C,甲校,2班,数学,免考',
      ].join('\n'),
    );
    const res = await run(['--scores', scores, '--paper', paper, '--json']);
    expect(res.err).toBe('');
    const r: ExamAnalysisJson = JSON.parse(res.out);
    expect(Object.keys(r.subjects)).toEqual(['语文', '数学']);
    // 语文 full 120: 优秀 ≥ 102 → 0; 及格 ≥ 72 → 2/2; sd of (100, 80) = √200
    expect(r.subjects.语文).toMatchObject({ n: 2, mean: 90, excellentRate: 0, passRate: 1, lowRate: 0, items: [] });
    expect(r.subjects.语文.sd).toBeCloseTo(Math.sqrt(200), 12);
    expect(r.subjects.数学).toMatchObject({ n: 2, mean: 75, excellentRate: 0.5, passRate: 1, alpha: null, sem: null });
    const empty = r.classes.find((c) => c.class === '2班' && c.subject === '数学');
    expect(empty).toEqual({
      school: '甲校',
      class: '2班',
      subject: '数学',
      n: 0,
      mean: null,
      excellentRate: null,
      passRate: null,
      lowRate: null,
      rank: null,
    });
  });

  it('lists every error and prints no result', async () => {
    const scores = file(
      's5.csv',
      [
        '学籍号,学校,班级,1,2,总分',
        'A,甲校,1班,1,7,8', // item 2 above full marks (5)
        'B,甲校,1班,1,abc,1', // not a number
        'C,甲校,1班,1,2,4', // items sum 3 ≠ 4
        'C,甲校,1班,1,2,3', // duplicate
        'D,甲校,1班,,,', // no score, no marker
        'E,甲校,1班,-1,2,1', // negative
      ].join('\n'),
    );
    const paper = file('p5.csv', '题号,满分\n1,5\n2,5\n');
    const res = await run(['--scores', scores, '--paper', paper, '--json']);
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.err).toContain('第 2 行“2”列：7 不在 0–5 之间');
    expect(res.err).toContain('“abc”不是分数');
    expect(res.err).toContain('小题分之和 3 与总分 4 不符');
    expect(res.err).toContain('学籍号 C 在科目 总分 中重复');
    expect(res.err).toContain('学籍号 D 没有任何分数');
    expect(res.err).toContain('第 7 行“1”列：-1 不在 0–5 之间');
  });

  it('bad usage and unreadable files', async () => {
    expect((await run(['--scores', 'x.csv'])).code).toBe(2);
    expect((await run(['--scores', 'a', '--paper', 'b', '--excellent', '85'])).code).toBe(2);
    expect((await run(['--scores', 'a', '--paper', 'b', '--what', '1'])).code).toBe(2);
    const missing = await run(['--scores', path.join(dir, 'nope.csv'), '--paper', path.join(dir, 'nope2.csv')]);
    expect(missing.code).toBe(1);
    expect((await run(['--scores', file('e.csv', ''), '--paper', file('p6.csv', PAPER)])).err).toContain('文件为空');
    const noCols = await run(['--scores', file('s7.csv', '姓名,1\n张三,1\n'), '--paper', file('p7.csv', PAPER)]);
    expect(noCols.err).toContain('成绩文件缺少列：学籍号、学校、班级');
  });

  it('parseScoreCell: blanks, markers, full-width digits, decimal commas', () => {
    expect(parseScoreCell('')).toEqual({ kind: 'blank' });
    expect(parseScoreCell(' 缺考 ')).toEqual({ kind: 'absent' });
    expect(parseScoreCell('免考')).toEqual({ kind: 'absent' });
    expect(parseScoreCell('９０')).toEqual({ kind: 'value', value: 90 });
    expect(parseScoreCell('８５，５')).toEqual({ kind: 'value', value: 85.5 });
    expect(parseScoreCell('85,25')).toEqual({ kind: 'value', value: 85.25 });
    expect(parseScoreCell('1,050')).toEqual({ kind: 'value', value: 1050 });
    expect(parseScoreCell('x')).toEqual({ kind: 'invalid' });
  });
});
