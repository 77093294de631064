import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, csv, dryRun, type ImportFixture, importFile, importFixture } from './test-fixture.js';

let f: ImportFixture;

beforeAll(async () => {
  f = await importFixture();
});
afterAll(async () => {
  await f?.close();
});

const HEADER = ['学校代码', '学年', '年级', '班号', '班级名称', '班主任工号'];

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('班级');
  for (const r of rows) ws.addRow(r);
  return { name: 'classes.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) };
}

async function classStamps() {
  const rows = await f.db.selectFrom('classes').select(['id', 'updated_at']).orderBy('id').execute();
  return rows.map((r) => [r.id, r.updated_at.toISOString()]);
}

describe('classes import', () => {
  it('dry run lists every bad row (xlsx) and writes nothing', async () => {
    const before = await counts(f.db, ['classes']);
    const job = await dryRun(
      f.admin,
      'classes',
      await xlsx([
        HEADER,
        ['A1', '2025-2026', '三年级', 3, '', 'T001'],
        ['A1', '2025-2026', '三年级', 3, '', 'T002'],
        ['ZZ', '2025-2026', '三年级', 1, '', ''],
        ['A1', '2030-2031', '三年级', 1, '', ''],
        ['A1', '2025-2026', '七年级', 1, '', ''],
        ['A1', '2025-2026', '三年级', '三', '', ''],
        ['A1', '2025-2026', '三年级', 4, '', 'T101'],
        ['A1', '2025-2026', '三年级', 5, '', 'T999'],
        ['A1', '', '三年级', 6, '', ''],
        ['A1', '2025-2026', '大班', 7, '', ''],
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      {
        row: 3,
        column: '学校代码 + 学年 + 年级 + 班号',
        message: '第 3 行与第 2 行重复：学校代码“A1”，学年“2025-2026”，年级“三年级”，班号“3”',
      },
      { row: 4, column: '学校代码', message: '学校代码“ZZ”不存在' },
      { row: 5, column: '学年', message: '学年“2030-2031”不存在，请先在“学年学期”中建立' },
      { row: 6, column: '年级', message: '东区一小是小学，没有七年级' },
      { row: 7, column: '班号', message: '“三”不是整数' },
      { row: 8, column: '班主任工号', message: '工号“T101”（赵老师）不是东区一小的教职工' },
      { row: 9, column: '班主任工号', message: '工号“T999”不存在' },
      { row: 10, column: '学年', message: '必填，不能为空' },
      {
        row: 11,
        column: '年级',
        message:
          '“大班”不是可选的值，可选：一年级、二年级、三年级、四年级、五年级、六年级、七年级、八年级、九年级、高一、高二、高三',
      },
    ]);
    expect(await counts(f.db, ['classes'])).toEqual(before);
  });

  it('refuses wrong headers', async () => {
    const job = await dryRun(f.admin, 'classes', csv('h.csv', ['学校,学年,年级,班号', 'A1,2025-2026,三年级,1']));
    expect(job.errors).toEqual([
      { row: 1, column: '学校', message: '无法识别的列“学校”（A 列），请使用模板中的列名' },
      { row: 1, column: '学校代码', message: '缺少必填列“学校代码”' },
    ]);
  });

  it('creates and updates, names classes by default, and a re-import changes nothing', async () => {
    const lines = [
      HEADER.join(','),
      'A1,2025-2026,三年级,1,三年级(1)班,T002',
      'A1,2025-2026,三年级,2,三年级(2)班,',
      'A1,2025-2026学年,三年级,3,,T001',
      'B1,2025-2026,初一,2,,T101',
    ];
    const job = await importFile(f.admin, 'classes', csv('classes.csv', lines));
    expect(job.summary).toEqual({ create: 2, update: 1, unchanged: 1 });
    const rows = await f.db
      .selectFrom('classes')
      .select(['school_id', 'grade_level', 'class_no', 'name', 'head_teacher_id', 'school_year_id'])
      .orderBy('school_id')
      .orderBy('grade_level')
      .orderBy('class_no')
      .execute();
    expect(rows).toEqual([
      {
        school_id: f.a1,
        grade_level: 3,
        class_no: 1,
        name: '三年级(1)班',
        head_teacher_id: f.staff.T002,
        school_year_id: f.yearId,
      },
      {
        school_id: f.a1,
        grade_level: 3,
        class_no: 2,
        name: '三年级(2)班',
        head_teacher_id: null,
        school_year_id: f.yearId,
      },
      {
        school_id: f.a1,
        grade_level: 3,
        class_no: 3,
        name: '三年级(3)班',
        head_teacher_id: f.staff.T001,
        school_year_id: f.yearId,
      },
      {
        school_id: f.b1,
        grade_level: 7,
        class_no: 1,
        name: '七年级(1)班',
        head_teacher_id: null,
        school_year_id: f.yearId,
      },
      {
        school_id: f.b1,
        grade_level: 7,
        class_no: 2,
        name: '七年级(2)班',
        head_teacher_id: f.staff.T101,
        school_year_id: f.yearId,
      },
    ]);
    const stamps = await classStamps();
    const again = await importFile(f.admin, 'classes', csv('classes.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
    expect(await classStamps()).toEqual(stamps);
  });

  it('refuses two rows naming the same class in different spellings', async () => {
    const job = await dryRun(
      f.admin,
      'classes',
      csv('twice.csv', [
        '学校代码,学年,年级,班号',
        'A1,2025-2026,七年级,1',
        'B1,2025-2026,七年级,1',
        'B1,2025-2026学年,初一,1',
      ]),
    );
    expect(job.errors).toEqual([
      { row: 2, column: '年级', message: '东区一小是小学，没有七年级' },
      { row: 4, column: '学校代码 + 学年 + 年级 + 班号', message: '第 4 行与第 3 行是同一条记录' },
    ]);
  });

  it('optional columns left out of the file keep the stored name and class teacher', async () => {
    const stamps = await classStamps();
    const job = await importFile(
      f.admin,
      'classes',
      csv('short.csv', ['学校代码,学年,年级,班号', 'A1,2025-2026,三年级,1', 'A1,2025-2026,三年级,3']),
    );
    expect(job.summary).toEqual({ create: 0, update: 0, unchanged: 2 });
    expect(await classStamps()).toEqual(stamps);
  });

  it('restores an archived class named in the file', async () => {
    await f.db.updateTable('classes').set({ archived_at: new Date() }).where('id', '=', f.classA32).execute();
    const job = await importFile(
      f.admin,
      'classes',
      csv('restore.csv', ['学校代码,学年,年级,班号', 'A1,2025-2026,三年级,2']),
    );
    expect(job.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    const row = await f.db
      .selectFrom('classes')
      .select(['archived_at', 'name'])
      .where('id', '=', f.classA32)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ archived_at: null, name: '三年级(2)班' });
  });

  it("a principal's row of another school is an error", async () => {
    const before = await counts(f.db, ['classes']);
    const job = await dryRun(
      f.principal,
      'classes',
      csv('p.csv', ['学校代码,学年,年级,班号', 'A1,2025-2026,三年级,4', 'B1,2025-2026,七年级,3']),
    );
    expect(job.errors).toEqual([{ row: 3, column: '学校代码', message: '学校“西区中学”不在您的管理范围内' }]);
    expect(await counts(f.db, ['classes'])).toEqual(before);
  });

  it('exports the columns of the import, filtered by scope and list filters', async () => {
    const all = (await f.admin.request('GET', '/api/v1/io/classes/export?format=csv')).rawPayload
      .subarray(3)
      .toString('utf8');
    expect(all.trim().split('\r\n')).toEqual([
      '学校代码,学年,年级,班号,班级名称,班主任工号',
      'A1,2025-2026,三年级,1,三年级(1)班,T002',
      'A1,2025-2026,三年级,2,三年级(2)班,',
      'A1,2025-2026,三年级,3,三年级(3)班,T001',
      'B1,2025-2026,七年级,1,七年级(1)班,',
      'B1,2025-2026,七年级,2,七年级(2)班,T101',
    ]);
    const b1 = (
      await f.admin.request('GET', `/api/v1/io/classes/export?format=csv&schoolId=${f.b1}`)
    ).rawPayload.toString('utf8');
    expect(b1.trim().split('\r\n')).toHaveLength(3);
    const mine = (await f.principal.request('GET', '/api/v1/io/classes/export?format=csv')).rawPayload.toString('utf8');
    expect(mine.trim().split('\r\n')).toHaveLength(4);
    expect(mine).not.toContain('B1');
  });
});
