import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type OrgTestContext, setupOrgTest } from './test-context.js';
import { FIXTURE_ROLES } from './testing-fixture.js';

/** County-wide registry records: regions, school years and terms, subjects, and the org picker's /scope. */
let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => {
  await t?.close();
});

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

describe('regions', () => {
  it('lists the regions of each caller’s scope', async () => {
    const all = (await t.as.countyAdmin.request('GET', `${API}/regions`)).json();
    expect(names(all)).toEqual(['测试县', '东区学区', '西区学区']);
    expect(all.items[1]).toEqual({
      id: t.fx.regions.east,
      parentId: t.fx.countyId,
      countyId: t.fx.countyId,
      level: 'district',
      code: 'fx-east',
      name: '东区学区',
      sort: 1,
    });
    const district = (await t.as.districtLeader.request('GET', `${API}/regions`)).json();
    expect(names(district)).toEqual(['测试县', '东区学区']);
    expect(district.total).toBe(2);
    const principalB = (await t.as.principalB.request('GET', `${API}/regions`)).json();
    expect(names(principalB)).toEqual(['测试县', '西区学区']);
    const children = (await t.as.countyAdmin.request('GET', `${API}/regions?parentId=${t.fx.countyId}`)).json();
    expect(children.total).toBe(2);
    expect((await t.as.districtLeader.request('GET', `${API}/regions/${t.fx.regions.west}`)).statusCode).toBe(403);
    expect((await t.as.countyAdmin.request('GET', `${API}/regions/99999999`)).statusCode).toBe(404);
  });

  it('lets only the county’s 教育局管理员 add, move and archive 学区', async () => {
    const body = { parentId: t.fx.countyId, code: 'fx-north', name: '北区学区', sort: 3 };
    expect((await t.as.principalA.request('POST', `${API}/regions`, body)).statusCode).toBe(403);
    expect((await t.as.districtLeader.request('POST', `${API}/regions`, body)).statusCode).toBe(403);
    const created = await t.as.countyAdmin.request('POST', `${API}/regions`, body);
    expect(created.statusCode, created.body).toBe(200);
    const north = created.json();
    expect(north).toMatchObject({ level: 'district', countyId: t.fx.countyId, parentId: t.fx.countyId });
    expect((await t.as.countyAdmin.request('POST', `${API}/regions`, body)).statusCode).toBe(409);
    // A sub-district below north, then north cannot move below it (a cycle), nor be archived while it has it.
    const sub = (
      await t.as.countyAdmin.request('POST', `${API}/regions`, {
        parentId: north.id,
        code: 'fx-north-1',
        name: '北一片',
      })
    ).json();
    const cycle = await t.as.countyAdmin.request('PATCH', `${API}/regions/${north.id}`, { parentId: sub.id });
    expect(cycle.statusCode).toBe(400);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/regions/${north.id}`)).statusCode).toBe(409);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/regions/${sub.id}`)).statusCode).toBe(200);
    const renamed = await t.as.countyAdmin.request('PATCH', `${API}/regions/${north.id}`, { name: '北部学区' });
    expect(renamed.json().name).toBe('北部学区');
    expect((await t.as.countyAdmin.request('DELETE', `${API}/regions/${north.id}`)).statusCode).toBe(200);
    expect(names((await t.as.countyAdmin.request('GET', `${API}/regions`)).json())).not.toContain('北部学区');
    const withArchived = (await t.as.countyAdmin.request('GET', `${API}/regions?includeArchived=true`)).json();
    expect(names(withArchived)).toContain('北部学区');
  });

  it('refuses to archive a region with schools or the county itself', async () => {
    const east = await t.as.countyAdmin.request('DELETE', `${API}/regions/${t.fx.regions.east}`);
    expect(east.statusCode).toBe(409);
    expect(east.json().error.message).toContain('2 所学校');
    expect((await t.as.countyAdmin.request('DELETE', `${API}/regions/${t.fx.countyId}`)).statusCode).toBe(400);
    const badParent = await t.as.countyAdmin.request('POST', `${API}/regions`, {
      parentId: 99999999,
      code: 'fx-x',
      name: 'x',
    });
    expect(badParent.statusCode).toBe(400);
  });
});

describe('school years and terms', () => {
  it('are read by everyone and written by the county admin only', async () => {
    for (const role of FIXTURE_ROLES) {
      const res = (await t.as[role].request('GET', `${API}/school-years`)).json();
      expect(res.total, role).toBe(2);
      expect(res.items[0].name, role).toBe(t.fx.currentYear.name); // newest first
    }
    const terms = (await t.as.teacherA.request('GET', `${API}/terms?schoolYearId=${t.fx.years.current}`)).json();
    expect(terms.total).toBe(2);
    expect(terms.items.filter((x: { isCurrent: boolean }) => x.isCurrent).map((x: { id: number }) => x.id)).toEqual([
      t.fx.terms.current,
    ]);
    expect(terms.items[0].schoolYearName).toBe(t.fx.currentYear.name);
    const body = { name: '2090-2091', startDate: '2090-09-01', endDate: '2091-08-31' };
    expect((await t.as.principalA.request('POST', `${API}/school-years`, body)).statusCode).toBe(403);
    expect((await t.as.districtLeader.request('POST', `${API}/school-years`, body)).statusCode).toBe(403);
  });

  it('validates dates: real dates, end after start, no overlapping years', async () => {
    const post = (body: object) => t.as.countyAdmin.request('POST', `${API}/school-years`, body);
    expect((await post({ name: '2080-2081', startDate: '2080-02-30', endDate: '2081-08-31' })).statusCode).toBe(400);
    const order = await post({ name: '2080-2081', startDate: '2081-09-01', endDate: '2080-08-31' });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.message).toBe('提交的数据有误：结束日期须晚于开始日期');
    const overlap = await post({ name: 'overlap', startDate: t.fx.currentYear.startDate, endDate: '2200-01-01' });
    expect(overlap.statusCode).toBe(409);
    expect(
      (await post({ name: t.fx.currentYear.name, startDate: '2300-09-01', endDate: '2301-08-31' })).statusCode,
    ).toBe(409);
  });

  it('keeps at most one current school year and term, and terms inside their year', async () => {
    const year = (
      await t.as.countyAdmin.request('POST', `${API}/school-years`, {
        name: '2090-2091',
        startDate: '2090-09-01',
        endDate: '2091-08-31',
      })
    ).json();
    expect(year.isCurrent).toBe(false);
    const postTerm = (body: object) =>
      t.as.countyAdmin.request('POST', `${API}/terms`, { schoolYearId: year.id, kind: 'first', ...body });
    const outside = await postTerm({ startDate: '2090-08-01', endDate: '2091-01-31' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('之内');
    const first = await postTerm({ startDate: '2090-09-01', endDate: '2091-01-31' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().name).toBe('2090-2091学年上学期');
    const again = await postTerm({ startDate: '2091-02-01', endDate: '2091-07-01' });
    expect(again.statusCode).toBe(409);
    const overlap = await postTerm({ kind: 'second', startDate: '2091-01-15', endDate: '2091-07-01' });
    expect(overlap.statusCode).toBe(400);
    const second = await postTerm({
      kind: 'second',
      name: '春季学期',
      startDate: '2091-02-01',
      endDate: '2091-07-01',
      isCurrent: true,
    });
    expect(second.statusCode, second.body).toBe(200);
    // Making a term current made its year current, and the old ones stopped being current.
    const currentYears = await t.db.selectFrom('school_years').select('id').where('is_current', '=', true).execute();
    expect(currentYears.map((r) => r.id)).toEqual([year.id]);
    const currentTerms = await t.db.selectFrom('terms').select('id').where('is_current', '=', true).execute();
    expect(currentTerms.map((r) => r.id)).toEqual([second.json().id]);
    // Shrinking the year past its terms is refused.
    const shrink = await t.as.countyAdmin.request('PATCH', `${API}/school-years/${year.id}`, { endDate: '2091-06-30' });
    expect(shrink.statusCode).toBe(400);
    // Back to the fixture's year: its current-making takes the 2090 term's flag away.
    const back = await t.as.countyAdmin.request('PATCH', `${API}/terms/${t.fx.terms.current}`, { isCurrent: true });
    expect(back.statusCode, back.body).toBe(200);
    expect(
      (await t.db.selectFrom('terms').select('id').where('is_current', '=', true).execute()).map((r) => r.id),
    ).toEqual([t.fx.terms.current]);
    expect(
      (await t.db.selectFrom('school_years').select('id').where('is_current', '=', true).execute()).map((r) => r.id),
    ).toEqual([t.fx.years.current]);
    // An unused term and year can be deleted (nothing refers to them); audited as 'delete'.
    expect((await t.as.countyAdmin.request('DELETE', `${API}/school-years/${year.id}`)).statusCode).toBe(409);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/terms/${first.json().id}`)).statusCode).toBe(200);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/terms/${second.json().id}`)).statusCode).toBe(200);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/school-years/${year.id}`)).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('entity', '=', 'school_year')
      .where('entity_id', '=', String(year.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1].before).toMatchObject({ name: '2090-2091' });
  });

  it('refuses to delete the current term or a term in use', async () => {
    expect((await t.as.countyAdmin.request('DELETE', `${API}/terms/${t.fx.terms.current}`)).statusCode).toBe(409);
    const used = await t.as.countyAdmin.request('DELETE', `${API}/terms/${t.fx.terms.previous}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toContain('任课安排');
    expect((await t.as.countyAdmin.request('GET', `${API}/terms/99999999`)).statusCode).toBe(404);
  });
});

describe('subjects', () => {
  it('lists the county’s subjects to everyone, filtered by stage', async () => {
    const all = (await t.as.teacherA.request('GET', `${API}/subjects?pageSize=100`)).json();
    expect(all.total).toBe(16);
    expect(all.items[0]).toEqual({
      id: t.fx.subjects.yuwen,
      code: 'YW',
      name: '语文',
      stages: ['primary', 'junior', 'senior'],
      sort: 1,
    });
    const senior = (await t.as.teacherA.request('GET', `${API}/subjects?stage=senior&pageSize=100`)).json();
    expect(names(senior)).toContain('思想政治');
    expect(names(senior)).not.toContain('科学');
    const search = (await t.as.teacherA.request('GET', `${API}/subjects?q=${encodeURIComponent('数')}`)).json();
    expect(names(search)).toEqual(['数学']);
  });

  it('lets the county admin add, rename and archive subjects; duplicates are 409', async () => {
    const body = { code: 'SF', name: '书法', stages: ['primary'] };
    expect((await t.as.principalA.request('POST', `${API}/subjects`, body)).statusCode).toBe(403);
    const created = await t.as.countyAdmin.request('POST', `${API}/subjects`, body);
    expect(created.statusCode, created.body).toBe(200);
    expect((await t.as.countyAdmin.request('POST', `${API}/subjects`, { ...body, code: 'SF2' })).statusCode).toBe(409);
    const id = created.json().id;
    const patched = await t.as.countyAdmin.request('PATCH', `${API}/subjects/${id}`, { stages: ['primary', 'junior'] });
    expect(patched.json().stages).toEqual(['primary', 'junior']);
    expect((await t.as.countyAdmin.request('DELETE', `${API}/subjects/${id}`)).statusCode).toBe(200);
    expect(names((await t.as.countyAdmin.request('GET', `${API}/subjects?pageSize=100`)).json())).not.toContain('书法');
  });
});

describe('GET /org/scope', () => {
  it('gives each caller the regions and schools they may switch to', async () => {
    const { schools, regions } = t.fx;
    const scope = async (role: keyof typeof t.as) => {
      const body = (await t.as[role].request('GET', `${API}/scope`)).json();
      return {
        regions: body.regions.map((r: { id: number }) => r.id).sort(),
        schools: body.schools.map((s: { id: number }) => s.id).sort(),
      };
    };
    const byId = (...list: number[]) => [...list].sort();
    expect(await scope('countyAdmin')).toEqual({
      regions: byId(regions.county, regions.east, regions.west),
      schools: byId(schools.a, schools.b, schools.c, schools.d),
    });
    expect(await scope('districtLeader')).toEqual({
      regions: byId(regions.county, regions.east),
      schools: byId(schools.a, schools.c),
    });
    expect(await scope('inspector')).toEqual({
      regions: byId(regions.county, regions.east, regions.west),
      schools: byId(schools.a, schools.d),
    });
    expect(await scope('teacherA')).toEqual({ regions: byId(regions.county, regions.east), schools: [schools.a] });
    expect(await scope('principalB')).toEqual({ regions: byId(regions.county, regions.west), schools: [schools.b] });
    const full = (await t.as.principalB.request('GET', `${API}/scope`)).json();
    expect(full.schools[0]).toEqual({ id: schools.b, name: '西区小学', regionId: regions.west, type: 'primary' });
    expect(full.regions[0]).toEqual({ id: regions.county, parentId: null, name: '测试县', level: 'county' });
  });
});
