/**
 * The `fitness-score` command on small fixtures written here: a UTF-8 CSV with valid and invalid rows, a GBK CSV,
 * an xlsx, and the real `npm run cli` entry point. Expected numbers are worked in fitness.test.ts (same students).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type FitnessJson, runFitnessScore } from './cli-fitness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fitness-cli-'));

const CSV = [
  '学籍号,姓名,年级,性别,身高(cm),体重(kg),肺活量,50米跑,坐位体前屈,一分钟跳绳,一分钟仰卧起坐,50米×8往返跑,立定跳远,引体向上,1000米跑,800米跑',
  // 一年级 男 → 89.6 + 5 = 94.6 优秀 (fitness.test.ts)
  'G001,甲,一年级,男,120,22,1300,10.7,13.0,120,,,,,,',
  // 八年级 女 → 80.2 + 14 = 94.2 优秀; 800米 as 3'10" = 190 s
  `G002,乙,八年级,女,160,64,2500,9.1,19.3,,64,,143,,,3'10"`,
  // 高一 男 → 98 + 20 = 118; 1000米 2′50″ = 170 s
  'G003,丙,高一,男,175,60,4541,7.1,15.0,,,,260,30,2′50″,',
  // 50米 2 s, height 3 m
  'G004,丁,三年级,女,300,30,1500,2,10,100,30,,,,,',
  // 引体向上 for a girl
  `G005,戊,高一,女,160,50,3000,8.5,15,,40,,180,3,,3'50"`,
  // 50米×8 for grade 3
  'G006,己,三年级,女,130,30,1500,10,10,100,30,110,,,,',
  // 初一 男: 1000米 table missing → totals null
  `G007,庚,初一,男,160,50,3000,8.0,14.2,,,,211,11,3'50",`,
].join('\n');

/** Runs the command and collects its output. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFitnessScore(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err };
}

describe('fitness-score command', () => {
  it('scores the valid rows, reports each invalid row with its number, exits 1', async () => {
    const file = path.join(dir, 'scores.csv');
    writeFileSync(file, CSV, 'utf8');
    const { code, out, err } = await run(['--input', file, '--json']);
    expect(code).toBe(1);
    const rows = JSON.parse(out) as FitnessJson[];
    expect(rows.map((r) => r.studentNo)).toEqual(['G001', 'G002', 'G003', 'G007']);
    expect(rows[0]).toEqual({
      studentNo: 'G001',
      bmi: 15.3,
      bmiCategory: '正常',
      items: {
        肺活量: { value: 1300, score: 80 },
        '50米跑': { value: 10.7, score: 78 },
        坐位体前屈: { value: 13, score: 90 },
        一分钟跳绳: { value: 120, score: 100 },
      },
      standardScore: 89.6,
      bonus: 5,
      total: 94.6,
      grade: '优秀',
    });
    expect(rows[1]).toMatchObject({ standardScore: 80.2, bonus: 14, total: 94.2, grade: '优秀' });
    expect(rows[1].items['800米跑']).toEqual({ value: 190, score: 100 });
    expect(rows[2]).toMatchObject({ standardScore: 98, bonus: 20, total: 118, grade: '优秀' });
    expect(rows[2].items['1000米跑']).toEqual({ value: 170, score: 100 });
    expect(rows[3]).toMatchObject({ standardScore: null, bonus: null, total: null, grade: null });
    expect(rows[3].items['1000米跑']).toEqual({ value: 230, score: null });
    expect(rows[3].notes?.some((n) => n.includes('no standard value'))).toBe(true);
    expect(err[0]).toBe('忽略未识别的列：姓名');
    expect(err.find((l) => l.startsWith('第 5 行（学籍号 G004）'))).toMatch(/身高 300厘米 不可能.*50米跑 2秒 不可能/);
    expect(err).toContain('第 6 行（学籍号 G005）：引体向上 不适用于女生（高一男生项目）');
    expect(err).toContain('第 7 行（学籍号 G006）：50米×8往返跑 不适用于三年级');
    expect(err[err.length - 1]).toBe('共 7 行，3 行有错误未计分');
  });

  it('reads GBK CSV and xlsx; 免测 with and without results', async () => {
    const gbk = path.join(dir, 'gbk.csv');
    writeFileSync(
      gbk,
      iconv.encode(
        [
          '学籍号,年级,性别,身高,体重,免测,肺活量,50米跑,坐位体前屈,一分钟跳绳',
          'E1,二年级,女,125,24,是,,,,',
          'E2,二年级,女,125,24,是,1200,,,',
        ].join('\r\n'),
        'gbk',
      ),
    );
    const g = await run(['--input', gbk, '--json']);
    expect(g.code).toBe(1);
    const rows = JSON.parse(g.out) as FitnessJson[];
    expect(rows).toHaveLength(1);
    // 24 / 1.25² = 15.36 → 15.4
    expect(rows[0]).toMatchObject({ studentNo: 'E1', bmi: 15.4, items: {}, standardScore: null, grade: null });
    expect(rows[0].notes?.[0]).toContain('免测');
    expect(g.err).toEqual([
      '第 3 行（学籍号 E2）：免测学生不应有测试成绩（肺活量）；请删除成绩或取消免测',
      '共 2 行，1 行有错误未计分',
    ]);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(['学籍号', '年级', '性别', '身高', '体重', '肺活量', '50米跑', '坐位体前屈', '一分钟跳绳']);
    ws.addRow(['X1', '一年级', '男', 120, 22, 1300, 10.7, 13, 120]);
    const xlsx = path.join(dir, 'scores.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const x = await run(['--input', xlsx, '--json']);
    expect(x.code).toBe(0);
    expect(JSON.parse(x.out)).toMatchObject([{ studentNo: 'X1', standardScore: 89.6, total: 94.6, grade: '优秀' }]);
  });

  it('refuses bad usage and a file without the required columns (exit 2)', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--input', path.join(dir, 'nope.csv')])).code).toBe(2);
    const noSex = path.join(dir, 'nosex.csv');
    writeFileSync(noSex, '学籍号,年级,身高,体重\nA,一年级,120,22\n');
    const r = await run(['--input', noSex, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['缺少“性别”列']);
  });

  it('runs through npm run cli (src/server/cli.ts)', () => {
    const file = path.join(dir, 'one.csv');
    writeFileSync(
      file,
      '学籍号,年级,性别,身高,体重,肺活量,50米跑,坐位体前屈,一分钟跳绳\nX1,一年级,男,120,22,1300,10.7,13,120\n',
    );
    const res = spawnSync('npx', ['tsx', 'src/server/cli.ts', 'fitness-score', '--input', file, '--json'], {
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject([{ studentNo: 'X1', total: 94.6, grade: '优秀' }]);
  });
});
