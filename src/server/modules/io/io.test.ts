/**
 * The import/export flow end to end, over HTTP with the real background jobs: templates, upload → dry run →
 * commit of students, every kind of bad input with its row, column and Chinese message, re-imports that change
 * nothing, updates that change only what differs, scope, and exports that neutralise formulas.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commit,
  counts,
  csv,
  dryRun,
  type ImportFixture,
  importFile,
  importFixture,
  upload,
} from '../org/imports/test-fixture.js';

let f: ImportFixture;

beforeAll(async () => {
  f = await importFixture();
});
afterAll(async () => {
  await f?.close();
});

const HEADER = '学籍号,姓名,性别,出生日期,学校代码,年级,班号,学籍状态';
const ROSTER = [
  HEADER,
  'S0000000001,张一,男,2016-03-01,A1,三年级,1,在读',
  'S0000000002,张二,女,2016-04-02,A1,三年级,1,',
  'S0000000003,张三,男,,A1,三年级,2,',
  'S0000000004,张四,女,2013-05-05,B1,七年级,1,',
  'S0000000005,张五,男,2013-06-06,B1,初一,1,休学',
];
const TABLES = ['students', 'student_enrollments'] as const;

/** A CSV in GBK, as Excel on Chinese Windows saves it. */
const gbkFile = (name: string, lines: string[]) => ({
  name,
  content: iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'),
});

async function xlsxFile(build: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('学生'));
  return { name: 'students.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) };
}

async function studentStamps() {
  const rows = await f.db.selectFrom('students').select(['student_no', 'updated_at']).orderBy('student_no').execute();
  return new Map(rows.map((r) => [r.student_no, r.updated_at.toISOString()]));
}

describe('templates', () => {
  it('xlsx: Chinese headers (required ones marked *) and a dropdown on enumeration columns', async () => {
    const res = await f.admin.request('GET', '/api/v1/io/students/template?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('学生');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '学籍号*',
      '姓名*',
      '性别*',
      '出生日期',
      '学校代码*',
      '年级*',
      '班号*',
      '学籍状态',
    ]);
    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    expect(validations.C2).toMatchObject({ type: 'list' }); // 性别
    expect(validations.F2).toMatchObject({ type: 'list' }); // 年级
    expect(validations.H2).toMatchObject({ type: 'list' }); // 学籍状态
    expect(validations.A2).toBeUndefined();
    const options = wb.getWorksheet('下拉选项')!;
    expect(options.getColumn(1).values.slice(1)).toEqual(['男', '女']);
  });

  it('csv: UTF-8 with a BOM and the header row; every kind has a template', async () => {
    const res = await f.admin.request('GET', '/api/v1/io/students/template?format=csv');
    const buf = res.rawPayload;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe('学籍号*,姓名*,性别*,出生日期,学校代码*,年级*,班号*,学籍状态\r\n');
    for (const kind of [
      'regions',
      'schools',
      'terms',
      'subjects',
      'staff',
      'classes',
      'teaching-assignments',
      'guardians',
    ]) {
      const t = await f.admin.request('GET', `/api/v1/io/${kind}/template?format=xlsx`);
      expect(t.statusCode, kind).toBe(200);
    }
  });
});

describe('students: dry run errors, nothing written', () => {
  it('lists every bad row with its row, column and Chinese message', async () => {
    const before = await counts(f.db, TABLES);
    const job = await dryRun(
      f.admin,
      'students',
      csv('bad.csv', [
        HEADER,
        'S0000000001,张一,男,2016-03-01,A1,三年级,1,',
        'S0000000002,,女,2016-04-02,A1,三年级,1,',
        'S0000000001,张一一,男,2016-03-01,A1,三年级,2,',
        'S0000000003,张三,男,,ZZ,三年级,1,',
        'S0000000004,张四,女,,A1,三年级,9,',
        'S0000000005,张五,男,2015-02-30,A1,三年级,1,',
        'S0000000006,张六,男,,A1,三年级,二班,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 3, column: '姓名', message: '必填，不能为空' },
      { row: 4, column: '学籍号', message: '第 4 行与第 2 行重复：学籍号“S0000000001”' },
      { row: 5, column: '学校代码', message: '学校代码“ZZ”不存在' },
      { row: 6, column: '班号', message: '东区一小2025-2026学年没有三年级9班，请先建立班级' },
      { row: 7, column: '出生日期', message: '日期“2015-02-30”不存在' },
      { row: 8, column: '班号', message: '“二班”不是整数' },
    ]);
    // An invalid job cannot be committed; nothing was written.
    const res = await f.admin.request('POST', `/api/v1/io/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('导入任务当前状态为“invalid”，不能提交');
    expect(await counts(f.db, TABLES)).toEqual(before);
  });

  it('refuses wrong headers naming the unknown and the missing column', async () => {
    const job = await dryRun(
      f.admin,
      'students',
      csv('headers.csv', ['学号,姓名,性别,学校代码,年级,班号', 'S0000000001,张一,男,A1,三年级,1']),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 1, column: '学号', message: '无法识别的列“学号”（A 列），请使用模板中的列名' },
      { row: 1, column: '学籍号', message: '缺少必填列“学籍号”' },
    ]);
  });

  it('refuses a GBK file declared UTF-8 with a hint; the same file detected automatically is read', async () => {
    const file = gbkFile('gbk.csv', ROSTER);
    const wrong = await dryRun(f.admin, 'students', file, 'utf-8');
    expect(wrong.status).toBe('invalid');
    const hint =
      '文件不是 UTF-8 编码，可能是 GBK 编码（中文 Windows 上 Excel 另存为 CSV 的默认编码），请将编码选为“GBK”或“自动识别”后重新导入';
    expect(wrong.errors).toEqual([{ row: 0, column: '', message: hint }]);
    expect(wrong.message).toBe(hint);
    const auto = await dryRun(f.admin, 'students', file, 'auto');
    expect(auto.status).toBe('validated');
    expect(auto.errors).toEqual([]);
    expect(auto.summary).toEqual({ create: 5, update: 0, unchanged: 0 });
    expect(await counts(f.db, TABLES)).toEqual({ students: 0, student_enrollments: 0 }); // a dry run writes nothing
  });

  it('refuses a sheet with a formula, naming the cell', async () => {
    const file = await xlsxFile((ws) => {
      ws.addRow(HEADER.split(','));
      ws.addRow(['S0000000001', '张一', '男', '2016-03-01', 'A1', '三年级', 1]);
      ws.addRow(['S0000000002', '张二', '女', '2016-04-02', 'A1', '三年级']);
      ws.getCell('G3').value = { formula: 'G2+0', result: 1 };
    });
    const job = await dryRun(f.admin, 'students', file);
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([{ row: 3, column: 'G', message: '单元格 G3 含公式，请粘贴为数值后再导入' }]);
    expect(job.message).toBe('G3 单元格含公式，请粘贴为数值后再导入');
  });

  it('refuses merged cells, naming the range', async () => {
    const file = await xlsxFile((ws) => {
      ws.addRow(HEADER.split(','));
      ws.addRow(['S0000000001', '张一', '男', '2016-03-01', 'A1', '三年级', 1]);
      ws.addRow(['S0000000002', '张二', '女', '2016-04-02', 'A1', '三年级', 1]);
      ws.mergeCells('E2:E3');
    });
    const job = await dryRun(f.admin, 'students', file);
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([{ row: 2, column: 'E', message: 'E2:E3 为合并单元格，请取消合并后再导入' }]);
  });

  it('refuses a file over 50 MB at upload', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x41);
    await expect(upload(f.admin, 'students', { name: 'big.csv', content: big })).rejects.toThrow(
      /413.*文件过大（上限 50 MB）/,
    );
    expect(await counts(f.db, TABLES)).toEqual({ students: 0, student_enrollments: 0 });
  });
});

describe('students: commit, re-import, update', () => {
  it('commits a GBK roster all-or-nothing', async () => {
    const job = await importFile(f.admin, 'students', gbkFile('roster.csv', ROSTER));
    expect(job.summary).toEqual({ create: 5, update: 0, unchanged: 0 });
    expect(await counts(f.db, TABLES)).toEqual({ students: 5, student_enrollments: 5 });
    const s5 = await f.db
      .selectFrom('students')
      .selectAll()
      .where('student_no', '=', 'S0000000005')
      .executeTakeFirstOrThrow();
    expect(s5).toMatchObject({
      name: '张五',
      gender: 'M',
      birth_date: '2013-06-06',
      class_id: f.classB71,
      status: 'suspended',
    });
  });

  it('a second import of the same file changes nothing: all unchanged, no updated_at moves', async () => {
    const stamps = await studentStamps();
    const job = await importFile(f.admin, 'students', gbkFile('roster.csv', ROSTER));
    expect(job.summary).toEqual({ create: 0, update: 0, unchanged: 5 });
    expect(await studentStamps()).toEqual(stamps);
    expect(await counts(f.db, TABLES)).toEqual({ students: 5, student_enrollments: 5 });
  });

  it('an update changes only what differs and is audited as an import', async () => {
    const stamps = await studentStamps();
    const changed = [...ROSTER];
    changed[2] = 'S0000000002,张贰,女,2016-04-02,A1,三年级,1,';
    changed[3] = 'S0000000003,张三,男,,A1,三年级,1,';
    const job = await importFile(f.admin, 'students', csv('roster-v2.csv', changed));
    expect(job.summary).toEqual({ create: 0, update: 2, unchanged: 3 });
    const after = await studentStamps();
    for (const no of ['S0000000001', 'S0000000004', 'S0000000005']) expect(after.get(no)).toBe(stamps.get(no));
    for (const no of ['S0000000002', 'S0000000003']) expect(after.get(no)).not.toBe(stamps.get(no));
    const s2 = await f.db
      .selectFrom('students')
      .selectAll()
      .where('student_no', '=', 'S0000000002')
      .executeTakeFirstOrThrow();
    expect(s2).toMatchObject({ name: '张贰', gender: 'F', birth_date: '2016-04-02', class_id: f.classA31 });
    // 张三 moved class: the old placement is closed and a new one opened.
    const s3 = await f.db
      .selectFrom('students')
      .select(['id', 'class_id'])
      .where('student_no', '=', 'S0000000003')
      .executeTakeFirstOrThrow();
    expect(s3.class_id).toBe(f.classA31);
    const placements = await f.db
      .selectFrom('student_enrollments')
      .select(['class_id', 'end_date', 'reason'])
      .where('student_id', '=', s3.id)
      .orderBy('id')
      .execute();
    expect(placements.map((p) => [p.class_id, p.end_date === null])).toEqual([
      [f.classA32, false],
      [f.classA31, true],
    ]);
    const entry = await f.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import')
      .where('entity', '=', 'students')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.entity_id).toBe(String(job.id));
    expect(entry.after).toMatchObject({ file: 'roster-v2.csv', create: 0, update: 2, unchanged: 3 });
    expect(entry.summary).toBe('导入学生：新增 0，更新 2，未变 3');
  });

  it('optional columns left out of the file keep the stored values', async () => {
    const stamps = await studentStamps();
    const job = await importFile(
      f.admin,
      'students',
      csv('short.csv', ['学籍号,姓名,性别,学校代码,年级,班号', 'S0000000005,张五,男,B1,七年级,1']),
    );
    expect(job.summary).toEqual({ create: 0, update: 0, unchanged: 1 });
    expect(await studentStamps()).toEqual(stamps);
    const s5 = await f.db
      .selectFrom('students')
      .selectAll()
      .where('student_no', '=', 'S0000000005')
      .executeTakeFirstOrThrow();
    expect(s5).toMatchObject({ birth_date: '2013-06-06', status: 'suspended' });
  });

  it("a principal's rows of another school are errors; nothing is written", async () => {
    const before = await counts(f.db, TABLES);
    const job = await dryRun(
      f.principal,
      'students',
      csv('principal.csv', [
        HEADER,
        'S0000000011,王一,男,,A1,三年级,1,',
        'S0000000012,王二,女,,B1,七年级,1,',
        'S0000000004,张四,女,2013-05-05,A1,三年级,2,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 3, column: '学校代码', message: '学校“西区中学”不在您的管理范围内' },
      { row: 4, column: '学籍号', message: '学籍号“S0000000004”的学生在其他学校（西区中学），请办理转学' },
    ]);
    expect(await counts(f.db, TABLES)).toEqual(before);
  });

  it('a job is committed only by its owner, once', async () => {
    const job = await dryRun(f.principal, 'students', csv('own.csv', [HEADER, 'S0000000011,王一,男,,A1,三年级,1,']));
    expect(job.status).toBe('validated');
    const other = await f.admin.request('POST', `/api/v1/io/imports/${job.id}/commit`);
    expect(other.statusCode).toBe(404);
    const done = await commit(f.principal, job.id);
    expect(done.status).toBe('committed');
    const again = await f.principal.request('POST', `/api/v1/io/imports/${job.id}/commit`);
    expect(again.statusCode).toBe(409);
  });
});

describe('exports', () => {
  const EVIL = "=cmd|' /C calc'!A0";

  it('neutralise a formula in a name in xlsx and csv, and the xlsx re-imports unchanged', async () => {
    await f.db.updateTable('students').set({ name: EVIL }).where('student_no', '=', 'S0000000001').execute();
    const xlsx = await f.admin.request('GET', '/api/v1/io/students/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['学籍号', '姓名']);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('S0000000001');
    expect(row.getCell(2).value).toBe(`'${EVIL}`);
    expect(row.getCell(2).formula).toBeUndefined();
    expect(row.getCell(3).value).toBe('男');
    expect(row.getCell(6).value).toBe('三年级');

    const text = (await f.admin.request('GET', '/api/v1/io/students/export?format=csv')).rawPayload
      .subarray(3)
      .toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('学籍号,姓名,性别,出生日期,学校代码,年级,班号,学籍状态');
    expect(lines[1]).toBe(`S0000000001,'${EVIL},男,2016-03-01,A1,三年级,1,在读`);
    expect(text).not.toMatch(/(^|,)=cmd/m);

    // The exported workbook is a valid import of the same data: nothing changes.
    const again = await importFile(f.admin, 'students', { name: 'export.xlsx', content: xlsx.rawPayload });
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 6 });
    const stored = await f.db
      .selectFrom('students')
      .select('name')
      .where('student_no', '=', 'S0000000001')
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe(EVIL);
  });

  it('GBK csv decodes with iconv-lite; exports are audited and filtered by scope', async () => {
    const res = await f.admin.request('GET', '/api/v1/io/students/export?format=csv&encoding=gbk');
    expect(res.headers['content-type']).toBe('text/csv; charset=gbk');
    const text = iconv.decode(res.rawPayload, 'gbk');
    expect(text.startsWith('学籍号,姓名,')).toBe(true);
    expect(text).toContain('S0000000002,张贰,女,2016-04-02,A1,三年级,1,在读');
    expect(res.rawPayload.includes(Buffer.from('张贰', 'utf8'))).toBe(false);
    const logged = await f.db
      .selectFrom('audit_log')
      .select(['after', 'summary'])
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.summary).toBe('导出学生 6 行');
    // The principal of A1 sees A1's students only.
    const mine = iconv.decode(
      (await f.principal.request('GET', '/api/v1/io/students/export?format=csv&encoding=gbk')).rawPayload,
      'gbk',
    );
    expect(mine.trim().split('\r\n').length).toBe(1 + 4);
    expect(mine).not.toContain('B1');
  });
});
