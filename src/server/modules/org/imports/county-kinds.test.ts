/** The county-wide kinds, imported by the county's 教育局管理员 only: regions, subjects, school years and terms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyCounty } from '../../../platform/bootstrap.js';
import { counts, csv, dryRun, type ImportFixture, importFile, importFixture, multipartBody } from './test-fixture.js';

let f: ImportFixture;

beforeAll(async () => {
  f = await importFixture();
  const other = await createEmptyCounty(f.db, '邻县', 'county-2');
  await f.db
    .insertInto('regions')
    .values({ parent_id: other, county_id: other, level: 'district', code: 'x-east', name: '邻县东区' })
    .execute();
});
afterAll(async () => {
  await f?.close();
});

async function stamps(table: 'regions' | 'subjects' | 'terms' | 'school_years' | 'schools') {
  const rows = await f.db.selectFrom(table).select(['id', 'updated_at']).orderBy('id').execute();
  return rows.map((r) => [r.id, r.updated_at.toISOString()]);
}

const exportCsv = async (kind: string) =>
  (await f.admin.request('GET', `/api/v1/io/${kind}/export?format=csv`)).rawPayload.subarray(3).toString('utf8');

describe('who may import', () => {
  it('a principal may not import county-wide kinds', async () => {
    for (const kind of ['regions', 'schools', 'subjects', 'terms']) {
      const { body, contentType } = multipartBody({}, csv('x.csv', ['a', 'b']));
      const res = await f.principal.request('POST', `/api/v1/io/${kind}/imports`, body, {
        'content-type': contentType,
      });
      expect(res.statusCode, kind).toBe(403);
    }
  });
});

describe('regions import', () => {
  const HEADER = '区域代码,区域名称,级别,上级区域代码,排序';

  it('refuses county rows, foreign codes, unknown parents and loops', async () => {
    const before = await counts(f.db, ['regions']);
    const job = await dryRun(
      f.admin,
      'regions',
      csv('bad.csv', [
        HEADER,
        'prov,某省,省,county-1,',
        'x-east,东区二,学区,county-1,',
        'd-1,一片,学区,nowhere,',
        'd-2,二片,学区,county-2,',
        'd-3,三片,学区,d-4,',
        'd-4,四片,学区,d-3,',
        'd-5,五片,学区,d-5,',
        'county-1,测试县,学区,county-1,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 2, column: '级别', message: '只能导入学区，“省”级别的区域不能通过导入建立或修改' },
      { row: 3, column: '区域代码', message: '区域代码“x-east”已被其他区县或上级区域使用' },
      { row: 4, column: '上级区域代码', message: '上级区域代码“nowhere”不存在' },
      { row: 5, column: '上级区域代码', message: '上级区域代码“county-2”不属于本区县' },
      { row: 6, column: '上级区域代码', message: '上级区域形成循环：d-3 → d-4 → d-3' },
      { row: 7, column: '上级区域代码', message: '上级区域形成循环：d-4 → d-3 → d-4' },
      { row: 8, column: '上级区域代码', message: '上级区域不能是自己' },
      { row: 9, column: '区域代码', message: '区域代码“county-1”是本区县自身的代码，不能作为学区导入' },
    ]);
    expect(await counts(f.db, ['regions'])).toEqual(before);
  });

  it('creates a sub-tree in any row order, renames and moves, then a re-import changes nothing', async () => {
    const lines = [HEADER, 'd-2,城关一片,学区,d-1,2', 'd-1,城关学区,学区,county-1,1', 'east,东部学区,学区,d-1,'];
    const job = await importFile(f.admin, 'regions', csv('regions.csv', lines));
    expect(job.summary).toEqual({ create: 2, update: 1, unchanged: 0 });
    const rows = await f.db
      .selectFrom('regions as r')
      .innerJoin('regions as p', 'p.id', 'r.parent_id')
      .select(['r.code', 'r.name', 'r.sort', 'r.county_id', 'p.code as parent'])
      .where('r.county_id', '=', f.countyId)
      .where('r.level', '=', 'district')
      .orderBy('r.code')
      .execute();
    expect(rows).toEqual([
      { code: 'd-1', name: '城关学区', sort: 1, county_id: f.countyId, parent: 'county-1' },
      { code: 'd-2', name: '城关一片', sort: 2, county_id: f.countyId, parent: 'd-1' },
      { code: 'east', name: '东部学区', sort: 0, county_id: f.countyId, parent: 'd-1' },
    ]);
    const before = await stamps('regions');
    const again = await importFile(f.admin, 'regions', csv('regions.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 3 });
    expect(await stamps('regions')).toEqual(before);
  });

  it('refuses to move a 学区 under its own descendant', async () => {
    const job = await dryRun(f.admin, 'regions', csv('loop.csv', [HEADER, 'd-1,城关学区,学区,east,1']));
    expect(job.errors).toEqual([{ row: 2, column: '上级区域代码', message: '上级区域形成循环：d-1 → east → d-1' }]);
  });

  it('exports 学区 only, and the export re-imports unchanged', async () => {
    const text = await exportCsv('regions');
    expect(text.trim().split('\r\n')).toEqual([
      '区域代码,区域名称,级别,上级区域代码,排序',
      'east,东部学区,学区,d-1,0',
      'd-1,城关学区,学区,county-1,1',
      'd-2,城关一片,学区,d-1,2',
    ]);
    const job = await importFile(f.admin, 'regions', csv('export.csv', text.trim().split('\r\n')));
    expect(job.summary).toEqual({ create: 0, update: 0, unchanged: 3 });
  });
});

describe('schools import', () => {
  const HEADER = '学校代码,学校名称,学校类型,城乡类别,所属学区代码,校长,联系电话';

  it('keeps stored values of optional columns left out of the file; an empty cell clears one', async () => {
    const first = await importFile(
      f.admin,
      'schools',
      csv('schools.csv', [HEADER, 'A1,东区一小,小学,城区,east,周校长,0571-1234', 'C1,城南小学,小学,乡镇,east,吴校长,']),
    );
    expect(first.summary).toEqual({ create: 1, update: 1, unchanged: 0 });
    const before = await stamps('schools');
    const short = await importFile(
      f.admin,
      'schools',
      csv('short.csv', ['学校代码,学校名称,学校类型,城乡类别,所属学区代码', 'A1,东区一小,小学,城区,east']),
    );
    expect(short.summary).toEqual({ create: 0, update: 0, unchanged: 1 });
    expect(await stamps('schools')).toEqual(before);
    const cleared = await importFile(
      f.admin,
      'schools',
      csv('clear.csv', [HEADER, 'A1,东区一小,小学,城区,east,,0571-1234']),
    );
    expect(cleared.summary).toEqual({ create: 0, update: 1, unchanged: 0 });
    const a1 = await f.db
      .selectFrom('schools')
      .select(['principal_name', 'contact_phone'])
      .where('code', '=', 'A1')
      .executeTakeFirstOrThrow();
    expect(a1).toEqual({ principal_name: null, contact_phone: '0571-1234' });
  });
});

describe('subjects import', () => {
  const HEADER = '学科代码,学科名称,学段,排序';

  it('refuses a name used by another code, in the county or in the file', async () => {
    const job = await dryRun(
      f.admin,
      'subjects',
      csv('bad.csv', [HEADER, 'YW2,语文,小学,', 'WQ,围棋,小学,', 'WQ2,围棋,初中,', 'DX,大学语文,大学,', 'EMPTY,空,,']),
    );
    expect(job.errors).toEqual([
      { row: 2, column: '学科名称', message: '学科名称“语文”已被学科代码“YW”使用' },
      { row: 4, column: '学科名称', message: '学科名称“围棋”与第 3 行（学科代码“WQ”）重复' },
      { row: 5, column: '学段', message: '第 1 项：“大学”不是可选的值，可选：小学、初中、高中' },
      { row: 6, column: '学段', message: '必填，不能为空' },
    ]);
  });

  it('upserts on the code; stages in any order; an empty sort keeps the stored one', async () => {
    const before = await counts(f.db, ['subjects']);
    const lines = [HEADER, 'SF,书法,初中、小学,20', 'YW,语文,高中、小学、初中,', 'KX,科学,小学、初中,'];
    const job = await importFile(f.admin, 'subjects', csv('subjects.csv', lines));
    expect(job.summary).toEqual({ create: 1, update: 1, unchanged: 1 });
    expect((await counts(f.db, ['subjects'])).subjects).toBe(before.subjects + 1);
    const rows = await f.db
      .selectFrom('subjects')
      .select(['code', 'name', 'stages', 'sort'])
      .where('county_id', '=', f.countyId)
      .where('code', 'in', ['SF', 'YW', 'KX'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'KX', name: '科学', stages: ['primary', 'junior'], sort: 6 },
      { code: 'SF', name: '书法', stages: ['primary', 'junior'], sort: 20 },
      { code: 'YW', name: '语文', stages: ['primary', 'junior', 'senior'], sort: 1 },
    ]);
    const stamped = await stamps('subjects');
    const again = await importFile(f.admin, 'subjects', csv('subjects.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 3 });
    expect(await stamps('subjects')).toEqual(stamped);
  });

  it('exports with stage labels and the stage filter', async () => {
    const text = (await f.admin.request('GET', '/api/v1/io/subjects/export?format=csv&stage=senior')).rawPayload
      .subarray(3)
      .toString('utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('学科代码,学科名称,学段,排序');
    expect(lines[1]).toBe('YW,语文,小学、初中、高中,1');
    expect(lines.some((l) => l.startsWith('SF,'))).toBe(false);
  });
});

describe('terms import', () => {
  const HEADER = '学年,学期,开始日期,结束日期,当前学期';

  it('refuses bad years, impossible and out-of-order dates, two current rows and overlapping years', async () => {
    const before = await counts(f.db, ['terms', 'school_years']);
    const job = await dryRun(
      f.admin,
      'terms',
      csv('bad.csv', [
        HEADER,
        '2025-2027,上学期,2025-09-01,2026-01-20,',
        '2026-2027,上学期,2026-02-30,2027-01-20,',
        '2026-2027,下学期,2027-07-10,2027-02-20,',
        '2027-2028,上学期,2027-09-01,2028-01-20,是',
        '2027-2028,下学期,2028-02-20,2028-07-10,是',
        '2028-2029,上学期,2030-09-01,2029-01-20,',
        '2024-2025,下学期,2025-02-20,2025-09-10,',
        '2029-2030,上学期,2029-09-01,2030-03-01,',
        '2029-2030,下学期,2030-02-20,2030-07-10,',
        '2026,上学期,2026-09-01,2027-01-20,',
        '2027-2028学年,上学期,2027-09-01,2028-01-20,',
      ]),
    );
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      { row: 2, column: '学年', message: '学年“2025-2027”应为相邻的两个年份，如 2025-2026' },
      { row: 3, column: '开始日期', message: '日期“2026-02-30”不存在' },
      { row: 4, column: '结束日期', message: '结束日期“2027-02-20”应晚于开始日期“2027-07-10”' },
      { row: 6, column: '当前学期', message: '只能有一行标记为当前学期（第 5 行已标记）' },
      { row: 7, column: '开始日期', message: '开始日期“2030-09-01”应在 2028 年或 2029 年内（2028-2029学年）' },
      {
        row: 8,
        column: '学年',
        message: '2024-2025学年（2025-02-20 至 2025-09-10）与 2025-2026学年（2025-09-01 至 2026-07-15）日期重叠',
      },
      {
        row: 10,
        column: '开始日期',
        message:
          '2029-2030学年的上学期（2029-09-01 至 2030-03-01）与下学期（2030-02-20 至 2030-07-10）日期重叠或先后颠倒',
      },
      { row: 11, column: '学年', message: '学年应按 2025-2026 的格式填写' },
      { row: 12, column: '学年 + 学期', message: '第 12 行与第 5 行是同一学期' },
    ]);
    expect(await counts(f.db, ['terms', 'school_years'])).toEqual(before);
  });

  it('creates and extends school years from their terms and moves the current term', async () => {
    const lines = [
      HEADER,
      '2025-2026,上学期,2025-09-01,2026-01-20,否',
      '2025-2026,下学期,2026-02-20,2026-07-20,',
      '2026-2027,上学期,2026-09-01,2027-01-20,是',
      '2026-2027,下学期,2027-02-20,2027-07-10,',
    ];
    const job = await importFile(f.admin, 'terms', csv('terms.csv', lines));
    expect(job.summary).toEqual({ create: 2, update: 2, unchanged: 0 });
    const years = await f.db
      .selectFrom('school_years')
      .select(['name', 'start_date', 'end_date', 'is_current'])
      .orderBy('name')
      .execute();
    expect(years).toEqual([
      { name: '2025-2026', start_date: '2025-09-01', end_date: '2026-07-20', is_current: false },
      { name: '2026-2027', start_date: '2026-09-01', end_date: '2027-07-10', is_current: true },
    ]);
    const terms = await f.db
      .selectFrom('terms')
      .select(['name', 'start_date', 'end_date', 'is_current'])
      .orderBy('start_date')
      .execute();
    expect(terms).toEqual([
      { name: '2025-2026学年上学期', start_date: '2025-09-01', end_date: '2026-01-20', is_current: false },
      { name: '2025-2026学年下学期', start_date: '2026-02-20', end_date: '2026-07-20', is_current: false },
      { name: '2026-2027学年上学期', start_date: '2026-09-01', end_date: '2027-01-20', is_current: true },
      { name: '2026-2027学年下学期', start_date: '2027-02-20', end_date: '2027-07-10', is_current: false },
    ]);
    const stampsTerms = await stamps('terms');
    const stampsYears = await stamps('school_years');
    const again = await importFile(f.admin, 'terms', csv('terms.csv', lines));
    expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
    expect(await stamps('terms')).toEqual(stampsTerms);
    expect(await stamps('school_years')).toEqual(stampsYears);
  });

  it('exports every term with 是/否, and the export re-imports unchanged', async () => {
    const text = await exportCsv('terms');
    const lines = text.trim().split('\r\n');
    expect(lines).toEqual([
      '学年,学期,开始日期,结束日期,当前学期',
      '2025-2026,上学期,2025-09-01,2026-01-20,否',
      '2025-2026,下学期,2026-02-20,2026-07-20,否',
      '2026-2027,上学期,2026-09-01,2027-01-20,是',
      '2026-2027,下学期,2027-02-20,2027-07-10,否',
    ]);
    const job = await importFile(f.admin, 'terms', csv('export.csv', lines));
    expect(job.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
  });
});
