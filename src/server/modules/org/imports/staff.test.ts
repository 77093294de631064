import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, csv, dryRun, type ImportFixture, importFile, importFixture } from './test-fixture.js';

let f: ImportFixture;

beforeAll(async () => {
  f = await importFixture();
});
afterAll(async () => {
  await f?.close();
});

const HEADER = '工号,姓名,性别,学校代码,职称,荣誉称号,任教学科,职务,联系电话';
const gbk = (name: string, lines: string[]) => ({ name, content: iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk') });

async function staffStamps() {
  const rows = await f.db.selectFrom('staff').select(['staff_no', 'updated_at']).orderBy('staff_no').execute();
  return new Map(rows.map((r) => [r.staff_no, r.updated_at.toISOString()]));
}

const staffRow = (staffNo: string) =>
  f.db
    .selectFrom('staff')
    .select(['name', 'gender', 'school_id', 'region_id', 'title', 'tiers', 'subject_ids', 'position', 'phone'])
    .where('staff_no', '=', staffNo)
    .executeTakeFirstOrThrow();

describe('staff import', () => {
  it('dry run (GBK CSV) lists every bad row and writes nothing', async () => {
    const before = await counts(f.db, ['staff']);
    const job = await dryRun(
      f.admin,
      'staff',
      gbk('bad.csv', [
        HEADER,
        'T003,陈老师,女,A1,一级教师,骨干教师、学科带头人,语文、数学,教研组长,13800001234',
        'T003,陈二,女,A1,,,,,',
        'T004,周老师,男,ZZ,,,,,',
        'T005,吴老师,男,A1,,,语文、书法、围棋,,',
        'T006,郑老师,男,A1,特级教师,,,,',
        'T007,,男,A1,,,,,',
        'T008,冯老师,男,A1,,,,,12345',
        'T009,何老师,男,A1,,名校,,,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 3, column: '工号', message: '第 3 行与第 2 行重复：工号“T003”' },
      { row: 4, column: '学校代码', message: '学校代码“ZZ”不存在' },
      { row: 5, column: '任教学科', message: '学科“书法”、“围棋”不存在' },
      {
        row: 6,
        column: '职称',
        message: '“特级教师”不是可选的值，可选：正高级教师、高级教师、一级教师、二级教师、三级教师、未定级',
      },
      { row: 7, column: '姓名', message: '必填，不能为空' },
      { row: 8, column: '联系电话', message: '联系电话应为 7–20 位数字' },
      {
        row: 9,
        column: '荣誉称号',
        message: '第 1 项：“名校”不是可选的值，可选：骨干教师、学科带头人、名师、名校长、名班主任、新任教师',
      },
    ]);
    expect(await counts(f.db, ['staff'])).toEqual(before);
  });

  it('creates school and bureau staff, updates what differs, and a re-import changes nothing', async () => {
    const lines = [
      HEADER,
      'T003,陈老师,女,A1,一级教师,骨干教师、学科带头人,语文、数学,教研组长,13800001234',
      'T901,钱科长,男,,,,,基础教育科科长,',
      'T101,赵老师,,B1,,,,,13900001111',
      'T001,王老师,,A1,,,,,',
    ];
    const job = await importFile(f.admin, 'staff', gbk('staff.csv', lines));
    expect(job.summary).toEqual({ create: 2, update: 1, unchanged: 1 });
    const t003 = await staffRow('T003');
    expect({ ...t003, subject_ids: t003.subject_ids.map(Number) }).toEqual({
      name: '陈老师',
      gender: 'F',
      school_id: f.a1,
      region_id: null,
      title: 'first',
      tiers: ['backbone', 'subject_leader'],
      subject_ids: [f.subjects.get('语文'), f.subjects.get('数学')],
      position: '教研组长',
      phone: '13800001234',
    });
    expect(await staffRow('T901')).toMatchObject({
      school_id: null,
      region_id: f.countyId,
      position: '基础教育科科长',
    });
    expect(await staffRow('T101')).toMatchObject({ school_id: f.b1, phone: '13900001111' });
    const stamps = await staffStamps();
    const again = await importFile(f.admin, 'staff', gbk('staff.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
    expect(await staffStamps()).toEqual(stamps);
  });

  it('optional columns left out keep stored values; an empty cell clears one', async () => {
    const stamps = await staffStamps();
    const kept = await importFile(f.admin, 'staff', csv('short.csv', ['工号,姓名', 'T003,陈老师']));
    expect(kept.summary).toEqual({ create: 0, update: 0, unchanged: 1 });
    expect(await staffStamps()).toEqual(stamps);
    const cleared = await importFile(f.admin, 'staff', csv('clear.csv', ['工号,姓名,职务', 'T003,陈老师,']));
    expect(cleared.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(await staffRow('T003')).toMatchObject({ position: null, title: 'first', phone: '13800001234' });
  });

  it("a principal cannot touch other schools' or bureau staff, nor move staff silently", async () => {
    const before = await counts(f.db, ['staff']);
    const job = await dryRun(
      f.principal,
      'staff',
      csv('p.csv', [
        HEADER,
        'T002,李老师,女,A1,,,,,13700000000',
        'T101,赵老师,,A1,,,,,',
        'T010,孙老师,男,B1,,,,,',
        'T011,刘老师,男,,,,,,',
        'T900,孙干事,,A1,,,,,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 3, column: '工号', message: '工号“T101”是西区中学的教职工，不在您的管理范围内' },
      { row: 4, column: '学校代码', message: '学校“西区中学”不在您的管理范围内' },
      { row: 5, column: '学校代码', message: '学校代码为空表示局机关人员，只有区县教育局管理员可以导入局机关人员' },
      { row: 6, column: '工号', message: '工号“T900”是局机关的教职工，不在您的管理范围内' },
    ]);
    expect(await counts(f.db, ['staff'])).toEqual(before);
    const ok = await importFile(f.principal, 'staff', csv('p2.csv', [HEADER, 'T002,李老师,女,A1,,,,,13700000000']));
    expect(ok.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(await staffRow('T101')).toMatchObject({ school_id: f.b1 });
  });

  it('exports staff with subject names, bureau staff for bureau roles only', async () => {
    const all = (await f.admin.request('GET', '/api/v1/io/staff/export?format=csv')).rawPayload
      .subarray(3)
      .toString('utf8');
    const lines = all.trim().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain('T003,陈老师,女,A1,一级教师,骨干教师、学科带头人,语文、数学,,13800001234');
    expect(lines).toContain('T901,钱科长,男,,,,,基础教育科科长,');
    expect(lines).toHaveLength(1 + 6);
    const bySubject = (
      await f.admin.request('GET', `/api/v1/io/staff/export?format=csv&subjectId=${f.subjects.get('数学')}`)
    ).rawPayload.toString('utf8');
    expect(bySubject.trim().split('\r\n')).toHaveLength(2);
    const mine = (await f.principal.request('GET', '/api/v1/io/staff/export?format=csv')).rawPayload.toString('utf8');
    expect(
      mine
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['T001', 'T002', 'T003']);
    // The export re-imports unchanged.
    const again = await importFile(f.admin, 'staff', {
      name: 'export.csv',
      content: Buffer.from(all.startsWith('\uFEFF') ? all : `\uFEFF${all}`),
    });
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 6 });
  });
});
