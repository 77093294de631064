import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, csv, dryRun, type ImportFixture, importFile, importFixture } from './test-fixture.js';

let f: ImportFixture;

beforeAll(async () => {
  f = await importFixture();
  await f.db
    .insertInto('students')
    .values([
      {
        county_id: f.countyId,
        student_no: 'S0000000001',
        name: '张一',
        gender: 'M',
        school_id: f.a1,
        class_id: f.classA31,
      },
      {
        county_id: f.countyId,
        student_no: 'S0000000002',
        name: '李二',
        gender: 'F',
        school_id: f.b1,
        class_id: f.classB71,
      },
    ])
    .execute();
});
afterAll(async () => {
  await f?.close();
});

async function assignments() {
  const rows = await f.db
    .selectFrom('teaching_assignments as ta')
    .innerJoin('staff as st', 'st.id', 'ta.staff_id')
    .innerJoin('subjects as sub', 'sub.id', 'ta.subject_id')
    .select(['ta.term_id', 'ta.class_id', 'sub.name as subject', 'st.staff_no'])
    .orderBy('ta.class_id')
    .orderBy('sub.name')
    .orderBy('st.staff_no')
    .execute();
  return rows.map((r) => [r.term_id === f.term1 ? 'T1' : 'T2', r.class_id, r.subject, r.staff_no]);
}

describe('teaching assignments import', () => {
  const HEADER = '学年,学期,学校代码,年级,班号,学科,教师工号';

  it('dry run lists every bad row and writes nothing', async () => {
    const job = await dryRun(
      f.admin,
      'teaching-assignments',
      csv('bad.csv', [
        HEADER,
        '2024-2025,上学期,A1,三年级,1,语文,T001',
        '2025-2026,上学期,A1,三年级,9,语文,T001',
        '2025-2026,上学期,A1,三年级,1,物理,T001',
        '2025-2026,上学期,A1,三年级,1,书法,T001',
        '2025-2026,上学期,A1,三年级,1,语文,T101',
        '2025-2026,上学期,A1,三年级,1,语文,T999',
        '2025-2026,上学期,A1,三年级,1,数学,T002',
        '2025-2026,上学期,A1,三年级,1,SX,T002',
        '2025-2026,上学期,A1,三年级,1,数学,T002',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 2, column: '学年', message: '学年“2024-2025”不存在，请先在“学年学期”中建立' },
      { row: 3, column: '班号', message: '东区一小2025-2026学年没有三年级9班，请先建立班级' },
      { row: 4, column: '学科', message: '小学不开设物理（三年级）' },
      { row: 5, column: '学科', message: '学科“书法”不存在' },
      { row: 6, column: '教师工号', message: '工号“T101”（赵老师）不是东区一小的教职工，也不是局机关人员' },
      { row: 7, column: '教师工号', message: '工号“T999”不存在' },
      { row: 9, column: '教师工号', message: '第 9 行与第 8 行重复：三年级1班数学已由李老师任教' },
      {
        row: 10,
        column: '学年 + 学期 + 学校代码 + 年级 + 班号 + 学科 + 教师工号',
        message:
          '第 10 行与第 8 行重复：学年“2025-2026”，学期“上学期”，学校代码“A1”，年级“三年级”，班号“1”，学科“数学”，教师工号“T002”',
      },
    ]);
    expect((await counts(f.db, ['teaching_assignments'])).teaching_assignments).toBe(0);
  });

  it('creates assignments (bureau staff may teach), and a re-import changes nothing', async () => {
    const lines = [
      HEADER,
      '2025-2026,上学期,A1,三年级,1,语文,T001',
      '2025-2026,上学期,A1,三年级,1,数学,T002',
      '2025-2026,上学期,A1,三年级,2,语文,T001',
      '2025-2026,上学期,A1,三年级,1,科学,T900',
      '2025-2026,下学期,B1,初一,1,英语,T101',
    ];
    const job = await importFile(f.admin, 'teaching-assignments', csv('ta.csv', lines));
    expect(job.summary).toEqual({ create: 5, update: 0, unchanged: 0 });
    expect(await assignments()).toEqual([
      ['T1', f.classA31, '数学', 'T002'],
      ['T1', f.classA31, '科学', 'T900'],
      ['T1', f.classA31, '语文', 'T001'],
      ['T1', f.classA32, '语文', 'T001'],
      ['T2', f.classB71, '英语', 'T101'],
    ]);
    const again = await importFile(f.admin, 'teaching-assignments', csv('ta.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 5 });
  });

  it('a row for a class and subject replaces its teachers in that term; the rest is untouched and the removal audited', async () => {
    const job = await importFile(
      f.admin,
      'teaching-assignments',
      csv('replace.csv', [HEADER, '2025-2026,上学期,A1,三年级,1,语文,T002', '2025-2026,上学期,A1,三年级,1,数学,T002']),
    );
    expect(job.summary).toEqual({ create: 0, update: 1, unchanged: 1 });
    expect(await assignments()).toEqual([
      ['T1', f.classA31, '数学', 'T002'],
      ['T1', f.classA31, '科学', 'T900'],
      ['T1', f.classA31, '语文', 'T002'],
      ['T1', f.classA32, '语文', 'T001'],
      ['T2', f.classB71, '英语', 'T101'],
    ]);
    const removal = await f.db
      .selectFrom('audit_log')
      .select(['before', 'summary'])
      .where('action', '=', 'delete')
      .where('entity', '=', 'teaching_assignment')
      .executeTakeFirstOrThrow();
    expect(removal.summary).toBe('导入任课安排：替换 1 条原任课安排');
    expect(removal.before).toMatchObject([
      { termId: f.term1, classId: f.classA31, subjectId: f.subjects.get('语文'), staffId: f.staff.T001 },
    ]);
  });

  it("a principal's row of another school is an error", async () => {
    const job = await dryRun(
      f.principal,
      'teaching-assignments',
      csv('p.csv', [HEADER, '2025-2026,上学期,A1,三年级,2,数学,T002', '2025-2026,下学期,B1,七年级,1,数学,T101']),
    );
    expect(job.errors).toEqual([{ row: 3, column: '学校代码', message: '学校“西区中学”不在您的管理范围内' }]);
  });

  it('exports in the import columns, by scope', async () => {
    const text = (await f.admin.request('GET', '/api/v1/io/teaching-assignments/export?format=csv')).rawPayload
      .subarray(3)
      .toString('utf8');
    expect(text.trim().split('\r\n')).toEqual([
      HEADER,
      '2025-2026,上学期,A1,三年级,1,语文,T002',
      '2025-2026,上学期,A1,三年级,1,数学,T002',
      '2025-2026,上学期,A1,三年级,1,科学,T900',
      '2025-2026,上学期,A1,三年级,2,语文,T001',
      '2025-2026,下学期,B1,七年级,1,英语,T101',
    ]);
    const mine = (
      await f.principal.request('GET', '/api/v1/io/teaching-assignments/export?format=csv')
    ).rawPayload.toString('utf8');
    expect(mine.trim().split('\r\n')).toHaveLength(5);
  });
});

describe('guardians import', () => {
  const HEADER = '学籍号,家长姓名,关系,联系电话';

  it('dry run lists every bad row and writes nothing', async () => {
    const job = await dryRun(
      f.principal,
      'guardians',
      csv('bad.csv', [
        HEADER,
        'S0000000009,王父,父亲,13800000000',
        'S0000000001,张叔,叔叔,13800000000',
        'S0000000001,张母,母亲,1380000abcd',
        'S0000000002,李父,父亲,',
        'S0000000001,张父,父亲,',
        'S0000000001,张父,父亲,',
      ]),
    );
    expect(job.errors).toEqual([
      { row: 2, column: '学籍号', message: '学籍号“S0000000009”的学生不存在，请先导入学生' },
      { row: 3, column: '关系', message: '“叔叔”不是可选的值，可选：父亲、母亲、祖父母/外祖父母、其他监护人' },
      { row: 4, column: '联系电话', message: '联系电话应为 7–20 位数字' },
      { row: 5, column: '学籍号', message: '学籍号“S0000000002”的学生在西区中学，不在您的管理范围内' },
      { row: 7, column: '学籍号 + 家长姓名', message: '第 7 行与第 6 行重复：学籍号“S0000000001”，家长姓名“张父”' },
    ]);
    expect((await counts(f.db, ['guardians'])).guardians).toBe(0);
  });

  it('creates, updates only what differs, keeps the phone when its column is left out', async () => {
    const lines = [HEADER, 'S0000000001,张父,父亲,13800000001', 'S0000000001,张母,母亲,'];
    expect((await importFile(f.principal, 'guardians', csv('g.csv', lines))).summary).toEqual({
      create: 2,
      update: 0,
      unchanged: 0,
    });
    expect((await importFile(f.principal, 'guardians', csv('g.csv', lines))).summary).toEqual({
      create: 0,
      update: 0,
      unchanged: 2,
    });
    const changed = await importFile(
      f.principal,
      'guardians',
      csv('g2.csv', [HEADER, 'S0000000001,张母,母亲,13900000002']),
    );
    expect(changed.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    const kept = await importFile(
      f.principal,
      'guardians',
      csv('g3.csv', ['学籍号,家长姓名,关系', 'S0000000001,张父,祖父母/外祖父母']),
    );
    expect(kept.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    const rows = await f.db.selectFrom('guardians').select(['name', 'relation', 'phone']).orderBy('name').execute();
    expect(rows).toEqual([
      { name: '张母', relation: 'mother', phone: '13900000002' },
      { name: '张父', relation: 'grandparent', phone: '13800000001' },
    ]);
    const text = (await f.principal.request('GET', '/api/v1/io/guardians/export?format=csv')).rawPayload
      .subarray(3)
      .toString('utf8');
    expect(text.trim().split('\r\n')).toEqual([
      HEADER,
      'S0000000001,张母,母亲,13900000002',
      'S0000000001,张父,祖父母/外祖父母,13800000001',
    ]);
  });
});
