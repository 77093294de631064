import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GRADES_OF_SCHOOL_TYPE,
  SCHOOL_TYPES,
  STAFF_TIERS,
  STAFF_TITLES,
  stageOfGrade,
} from '../../src/common/org/enums.js';
import {
  type ClassRow,
  countRows,
  DEMO_ACCOUNTS,
  DEMO_SCHOOL_NAME,
  type DemoCounty,
  generateCounty,
  schoolTermOn,
  TABLE_KEYS,
} from './county.js';
import { Random } from './random.js';

function fingerprint(data: DemoCounty): string {
  const h = createHash('sha256');
  for (const key of TABLE_KEYS) h.update(JSON.stringify(data[key]));
  return h.digest('hex');
}

function expectUnique<T>(items: readonly T[], what: string): void {
  const seen = new Set<T>();
  const dups: T[] = [];
  for (const x of items) {
    if (seen.has(x)) dups.push(x);
    seen.add(x);
  }
  expect(dups.slice(0, 5), `duplicate ${what}`).toEqual([]);
}

/** Collects violations so a check over 200,000 rows costs one assertion, and the report shows the first few. */
class Problems {
  readonly list: string[] = [];
  check(ok: boolean, message: () => string): void {
    if (!ok && this.list.length < 20) this.list.push(message());
  }
  expectNone(): void {
    expect(this.list).toEqual([]);
  }
}

function byId<T extends { id: number }>(rows: readonly T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

describe('Random', () => {
  it('is deterministic per seed and label, and forks are independent streams', () => {
    const a = new Random(42, 'x');
    const b = new Random(42, 'x');
    const xs = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => new Random(43, 'x').nextUint32())).not.toEqual(xs);
    expect(new Random(42, 'x').fork('a').next()).not.toBe(new Random(42, 'x').fork('b').next());
  });

  it('int stays in range and weighted follows the weights', () => {
    const r = new Random(1);
    const counts = [0, 0, 0];
    const ints = new Set<number>();
    for (let i = 0; i < 30_000; i++) {
      ints.add(r.int(3, 5));
      counts[r.weighted([0, 1, 2], [1, 2, 7])]++;
    }
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(counts[2] / 30_000).toBeCloseTo(0.7, 1);
    expect(counts[0] / 30_000).toBeCloseTo(0.1, 1);
  });
});

describe('generateCounty: determinism', () => {
  it('gives identical data for the same seed and different data for another seed', () => {
    const a = generateCounty({ seed: 7, students: 6000, schools: 20 });
    const b = generateCounty({ seed: 7, students: 6000, schools: 20 });
    const c = generateCounty({ seed: 8, students: 6000, schools: 20 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
    expect(a.students.map((s) => s.student_no)).not.toEqual(c.students.map((s) => s.student_no));
  });

  it('keeps the requested counts at other sizes', () => {
    for (const [students, schools] of [
      [3000, 15],
      [12_000, 30],
      [100_000, undefined],
    ] as const) {
      const d = generateCounty({ seed: 3, students, schools });
      const counts = countRows(d);
      expect(counts.activeStudents).toBe(students);
      expect(d.schools.length).toBe(schools ?? Math.round(60 * Math.sqrt(students / 40_000)));
      const schoolStaff = d.staff.filter((s) => s.school_id !== null).length;
      expect(students / schoolStaff).toBeGreaterThan(11.5);
      expect(students / schoolStaff).toBeLessThan(15.5);
      for (const a of DEMO_ACCOUNTS) expect(d.users.map((u) => u.username)).toContain(a.username);
    }
  });

  it('prefixes usernames and uses the given county code', () => {
    const d = generateCounty({ seed: 2, students: 3000, schools: 15, usernamePrefix: 'b_', countyCode: '990102' });
    expect(d.users.every((u) => u.username.startsWith('b_'))).toBe(true);
    expect(d.regions.find((r) => r.id === d.countyRegionId)?.code).toBe('990102');
    expect(d.schools.every((s) => s.code.startsWith('2990102'))).toBe(true);
  });
});

describe('generateCounty: the default demo county', () => {
  let d: DemoCounty;
  let schools: Map<number, DemoCounty['schools'][number]>;
  let classes: Map<number, ClassRow>;
  let staff: Map<number, DemoCounty['staff'][number]>;
  let students: Map<number, DemoCounty['students'][number]>;
  let terms: Map<number, DemoCounty['terms'][number]>;
  let subjects: Map<number, DemoCounty['subjects'][number]>;

  beforeAll(() => {
    d = generateCounty();
    schools = byId(d.schools);
    classes = byId(d.classes);
    staff = byId(d.staff);
    students = byId(d.students);
    terms = byId(d.terms);
    subjects = byId(d.subjects);
  });

  it('has about 60 schools, 3,000 staff and 40,000 students', () => {
    const counts = countRows(d);
    expect(counts.schools).toBe(60);
    expect(counts.activeStudents).toBe(40_000);
    expect(counts.staff).toBeGreaterThan(2700);
    expect(counts.staff).toBeLessThan(3300);
    expect(counts.guardians / counts.activeStudents).toBeGreaterThan(1.2);
    expect(counts.guardians / counts.activeStudents).toBeLessThan(2);
    for (const key of TABLE_KEYS) expect(counts[key], key).toBeGreaterThan(0);
  });

  it('has a region tree 省 → 市 → 区县 → 3 学区, with unique codes', () => {
    const regions = byId(d.regions);
    expect(d.regions.map((r) => r.level)).toEqual(['province', 'city', 'county', 'district', 'district', 'district']);
    const county = regions.get(d.countyRegionId)!;
    expect(county.level).toBe('county');
    expect(county.name).toBe('示范县');
    for (const r of d.regions) {
      if (r.parent_id !== null) expect(regions.has(r.parent_id)).toBe(true);
      expect(r.county_id).toBe(r.level === 'province' || r.level === 'city' ? null : d.countyRegionId);
    }
    expectUnique(
      d.regions.map((r) => r.code),
      'region code',
    );
  });

  it('has every school type and location, a 中心校 with 村小 and 教学点, and 2–3 weak schools', () => {
    const types = new Set(d.schools.map((s) => s.type));
    for (const t of SCHOOL_TYPES) expect(types.has(t.value as never), t.value).toBe(true);
    expect(new Set(d.schools.map((s) => s.location))).toEqual(new Set(['urban', 'town', 'rural']));
    const districts = new Set(d.regions.filter((r) => r.level === 'district').map((r) => r.id));
    for (const s of d.schools) expect(districts.has(s.region_id), s.name).toBe(true);
    const children = d.schools.filter((s) => s.parent_school_id !== null);
    for (const s of d.schools.filter((x) => x.type === 'village' || x.type === 'teaching_point')) {
      expect(s.parent_school_id, s.name).not.toBeNull();
    }
    const centres = new Set(children.map((s) => s.parent_school_id!));
    expect(centres.size).toBeGreaterThanOrEqual(1);
    for (const id of centres) {
      const centre = schools.get(id)!;
      expect(centre.type).toBe('primary');
      expect(centre.name).toMatch(/中心小学$/);
      const kids = children.filter((s) => s.parent_school_id === id);
      const villages = kids.filter((s) => s.type === 'village').length;
      const points = kids.filter((s) => s.type === 'teaching_point').length;
      expect(villages).toBeGreaterThanOrEqual(2);
      expect(villages).toBeLessThanOrEqual(3);
      expect(points).toBeGreaterThanOrEqual(1);
      expect(points).toBeLessThanOrEqual(2);
      for (const k of kids) expect(k.region_id).toBe(centre.region_id);
    }
    const weak = d.schools.filter((s) => s.is_weak).length;
    expect(weak).toBeGreaterThanOrEqual(2);
    expect(weak).toBeLessThanOrEqual(3);
    expect(d.schools.find((s) => s.id === d.demoSchoolId)?.name).toBe(DEMO_SCHOOL_NAME);
  });

  it('has unique keys: 学校代码, 工号, 学籍号, school names, classes', () => {
    for (const s of d.schools) expect(s.code).toMatch(/^\d{10}$/);
    expectUnique(
      d.schools.map((s) => s.code),
      'school code',
    );
    expectUnique(
      d.schools.map((s) => s.name),
      'school name',
    );
    expectUnique(
      d.staff.map((s) => s.staff_no),
      'staff_no',
    );
    const p = new Problems();
    for (const s of d.students) p.check(/^G\d{18}$/.test(s.student_no), () => s.student_no);
    p.expectNone();
    expectUnique(
      d.students.map((s) => s.student_no),
      'student_no',
    );
    expectUnique(
      d.classes.map((c) => `${c.school_id}/${c.school_year_id}/${c.grade_level}/${c.class_no}`),
      'class',
    );
    expectUnique(
      d.subjects.map((s) => s.code),
      'subject code',
    );
    expectUnique(
      d.subjects.map((s) => s.name),
      'subject name',
    );
    expectUnique(
      d.guardians.map((g) => `${g.student_id}/${g.name}`),
      'guardian (student, name)',
    );
    expectUnique(
      d.users.map((u) => u.username.toLowerCase()),
      'username',
    );
    expectUnique(
      d.users.map((u) => u.staff_id),
      'user staff',
    );
    for (const key of TABLE_KEYS) {
      const rows: readonly { id: number }[] = d[key];
      expect(
        rows.every((r, i) => r.id === i + 1),
        `${key} ids are 1..n`,
      ).toBe(true);
    }
  });

  it('has two school years with two terms each; the current term is 2025-2026 上学期', () => {
    expect(d.schoolYears.map((y) => y.name)).toEqual(['2024-2025', '2025-2026']);
    expect(d.schoolYears.filter((y) => y.is_current).map((y) => y.name)).toEqual(['2025-2026']);
    const current = d.terms.filter((t) => t.is_current);
    expect(current).toHaveLength(1);
    expect(current[0].id).toBe(d.currentTermId);
    expect(current[0].kind).toBe('first');
    expect(current[0].school_year_id).toBe(d.currentSchoolYearId);
    expect(current[0].start_date).toBe('2025-09-01');
    for (const t of d.terms) {
      expect(t.end_date > t.start_date).toBe(true);
      const y = d.schoolYears.find((x) => x.id === t.school_year_id)!;
      expect(t.start_date >= y.start_date && t.end_date <= y.end_date).toBe(true);
    }
    expect(d.subjects.find((s) => s.name === '物理')?.stages).toEqual(['junior', 'senior']);
    expect(d.subjects.find((s) => s.name === '科学')?.stages).toEqual(['primary']);
  });

  it('has classes for the grades of each school type, with a 班主任 of that school', () => {
    const p = new Problems();
    for (const c of d.classes) {
      const s = schools.get(c.school_id);
      if (!s) {
        p.check(false, () => `class ${c.id} has no school`);
        continue;
      }
      p.check(GRADES_OF_SCHOOL_TYPE[s.type].includes(c.grade_level), () => `${s.name} ${c.name}`);
      p.check(/^(.+年级|高[一二三])\(\d+\)班$/.test(c.name) && c.name.includes(`(${c.class_no})`), () => c.name);
      p.check(
        c.head_teacher_id !== null && staff.get(c.head_teacher_id)?.school_id === c.school_id,
        () => `${s.name} ${c.name}: 班主任 ${c.head_teacher_id}`,
      );
    }
    p.expectNone();
    for (const s of d.schools) {
      for (const yearId of [1, 2]) {
        const grades = new Set(
          d.classes.filter((c) => c.school_id === s.id && c.school_year_id === yearId).map((c) => c.grade_level),
        );
        expect(
          [...grades].sort((a, b) => a - b),
          `${s.name} ${yearId}`,
        ).toEqual([...GRADES_OF_SCHOOL_TYPE[s.type]]);
      }
    }
    // Class numbers run 1..n within a grade.
    const groups = new Map<string, number[]>();
    for (const c of d.classes) {
      const k = `${c.school_id}/${c.school_year_id}/${c.grade_level}`;
      groups.set(k, [...(groups.get(k) ?? []), c.class_no]);
    }
    for (const [k, nos] of groups) {
      expect(
        nos.sort((a, b) => a - b),
        k,
      ).toEqual(nos.map((_, i) => i + 1));
    }
    // Outside the smallest schools, a teacher heads at most one class a year.
    for (const yearId of [1, 2]) {
      const heads = d.classes
        .filter((c) => c.school_year_id === yearId && schools.get(c.school_id)!.type !== 'teaching_point')
        .map((c) => c.head_teacher_id);
      expectUnique(heads, `head teacher in year ${yearId}`);
    }
  });

  it('has realistic class sizes', () => {
    const size = new Map<number, number>();
    for (const s of d.students) if (s.class_id !== null) size.set(s.class_id, (size.get(s.class_id) ?? 0) + 1);
    for (const c of d.classes.filter((x) => x.school_year_id === d.currentSchoolYearId)) {
      const n = size.get(c.id) ?? 0;
      const s = schools.get(c.school_id)!;
      if (s.type === 'teaching_point') expect(n, c.name).toBeLessThanOrEqual(12);
      else if (s.type === 'village') expect(n, c.name).toBeLessThanOrEqual(30);
      else if (s.location === 'urban') expect(n, `${s.name} ${c.name}`).toBeGreaterThanOrEqual(30);
      expect(n, `${s.name} ${c.name}`).toBeGreaterThan(0);
      expect(n, `${s.name} ${c.name}`).toBeLessThanOrEqual(66);
    }
  });

  it('has staff with valid titles, tiers, subjects; bureau staff belong to the county or a 学区', () => {
    const titles = new Set(STAFF_TITLES.map((t) => t.value));
    const tiers = new Set(STAFF_TIERS.map((t) => t.value));
    const regions = byId(d.regions);
    for (const s of d.staff) {
      if (s.title !== null) expect(titles.has(s.title)).toBe(true);
      for (const t of s.tiers) expect(tiers.has(t)).toBe(true);
      for (const id of s.subject_ids) expect(subjects.has(id)).toBe(true);
      expect(s.name.length).toBeGreaterThanOrEqual(2);
      if (s.school_id === null) {
        expect(s.region_id).not.toBeNull();
        expect(['county', 'district']).toContain(regions.get(s.region_id!)?.level);
      } else {
        expect(schools.has(s.school_id)).toBe(true);
        expect(s.region_id).toBeNull();
      }
    }
    const bureau = d.staff.filter((s) => s.school_id === null);
    expect(bureau.length).toBeGreaterThanOrEqual(20);
    expect(bureau.some((s) => s.position?.endsWith('教研员'))).toBe(true);
    expect(bureau.some((s) => s.position === '责任督学')).toBe(true);
    expect(bureau.some((s) => s.position === '局长')).toBe(true);
    const tierCount = (t: string) => d.staff.filter((s) => s.tiers.includes(t as never)).length;
    expect(tierCount('backbone')).toBeGreaterThan(30);
    expect(tierCount('subject_leader')).toBeGreaterThan(5);
    expect(tierCount('famous_teacher')).toBeGreaterThan(2);
    for (const s of d.schools) {
      const own = d.staff.filter((x) => x.school_id === s.id);
      expect(own.length, s.name).toBeGreaterThanOrEqual(2);
      expect(s.principal_name).toBe(own.find((x) => x.position === '校长' || x.position === '负责人')?.name);
    }
  });

  it('has teaching assignments for every current class and term, by teachers of the same school', () => {
    const key = (a: { term_id: number; class_id: number; subject_id: number; staff_id: number }) =>
      `${a.term_id}/${a.class_id}/${a.subject_id}/${a.staff_id}`;
    expectUnique(d.teachingAssignments.map(key), 'teaching assignment');
    const math = d.subjects.find((s) => s.code === 'math')!.id;
    const chinese = d.subjects.find((s) => s.code === 'chinese')!.id;
    const have = new Set(d.teachingAssignments.map((a) => `${a.term_id}/${a.class_id}/${a.subject_id}`));
    const p = new Problems();
    for (const a of d.teachingAssignments) {
      const c = classes.get(a.class_id);
      const t = terms.get(a.term_id);
      const s = staff.get(a.staff_id);
      const sub = subjects.get(a.subject_id);
      if (!c || !t || !s || !sub) {
        p.check(false, () => `assignment ${a.id} has a dangling reference`);
        continue;
      }
      p.check(t.school_year_id === c.school_year_id, () => `assignment ${a.id}: term of another year`);
      p.check(s.school_id === c.school_id, () => `assignment ${a.id}: teacher of another school`);
      p.check(sub.stages.includes(stageOfGrade(c.grade_level)), () => `assignment ${a.id}: subject not of the stage`);
      p.check(s.subject_ids.includes(a.subject_id), () => `assignment ${a.id}: subject not in the teacher's subjects`);
    }
    for (const c of d.classes) {
      for (const t of d.terms.filter((x) => x.school_year_id === c.school_year_id)) {
        p.check(have.has(`${t.id}/${c.id}/${chinese}`), () => `${c.id} ${c.name}: no 语文 in term ${t.id}`);
        p.check(have.has(`${t.id}/${c.id}/${math}`), () => `${c.id} ${c.name}: no 数学 in term ${t.id}`);
      }
    }
    p.expectNone();
  });

  it('places every active student in a current class and keeps graduates out of classes', () => {
    const p = new Problems();
    for (const s of d.students) {
      p.check(s.gender === 'M' || s.gender === 'F', () => `student ${s.id} gender ${s.gender}`);
      if (s.status === 'active') {
        const c = s.class_id === null ? undefined : classes.get(s.class_id);
        if (!c) {
          p.check(false, () => `active student ${s.id} has no class`);
          continue;
        }
        p.check(c.school_year_id === d.currentSchoolYearId, () => `student ${s.id}: class of last year`);
        p.check(c.school_id === s.school_id, () => `student ${s.id}: class of another school`);
        // Six on 31 August for grade 1 (a few a year older).
        const age = 2025 - Number(s.birth_date.slice(0, 4)) - (s.birth_date.slice(5) > '08-31' ? 1 : 0);
        p.check(
          age - c.grade_level === 5 || age - c.grade_level === 6,
          () => `${s.birth_date} in grade ${c.grade_level}`,
        );
      } else {
        p.check(s.status === 'graduated' || s.status === 'transferred_out', () => `student ${s.id} ${s.status}`);
        p.check(s.class_id === null, () => `former student ${s.id} still in a class`);
      }
    }
    p.expectNone();
    const males = d.students.filter((s) => s.gender === 'M').length / d.students.length;
    expect(males).toBeGreaterThan(0.5);
    expect(males).toBeLessThan(0.56);
  });

  it("has last year's two terms closed and one open placement from the current term, last year one grade lower", () => {
    const p = new Problems();
    const rows = new Map<number, DemoCounty['enrollments']>();
    for (const e of d.enrollments) {
      const c = classes.get(e.class_id);
      const t = terms.get(e.term_id);
      if (!c || !t || !students.has(e.student_id)) {
        p.check(false, () => `enrolment ${e.id} has a dangling reference`);
        continue;
      }
      p.check(c.school_year_id === t.school_year_id, () => `enrolment ${e.id}: class of another year`);
      p.check(c.school_id === e.school_id, () => `enrolment ${e.id}: school is not the class's`);
      p.check(e.start_date === t.start_date, () => `enrolment ${e.id}: starts ${e.start_date}`);
      const list = rows.get(e.student_id);
      if (list) list.push(e);
      else rows.set(e.student_id, [e]);
    }
    let withHistory = 0;
    for (const s of d.students) {
      const list = rows.get(s.id) ?? [];
      const cur = list.filter((e) => terms.get(e.term_id)!.school_year_id === d.currentSchoolYearId);
      const prev = list.filter((e) => terms.get(e.term_id)!.school_year_id !== d.currentSchoolYearId);
      if (s.status === 'active') {
        p.check(
          cur.length === 1 && cur[0].term_id === d.currentTermId && cur[0].end_date === null,
          () => `student ${s.id}: ${cur.length} enrolments this year`,
        );
        p.check(
          list.filter((e) => e.end_date === null).length === 1,
          () => `student ${s.id}: not exactly one open placement`,
        );
        p.check(
          cur.every((e) => e.class_id === s.class_id),
          () => `student ${s.id}: enrolled this year in another class`,
        );
      } else {
        p.check(cur.length === 0 && prev.length === 2, () => `former student ${s.id}: ${list.length} enrolments`);
      }
      p.check(prev.length === 0 || prev.length === 2, () => `student ${s.id}: ${prev.length} enrolments last year`);
      if (prev.length === 2) {
        p.check(prev[0].class_id === prev[1].class_id, () => `student ${s.id} changed class last year`);
        if (s.class_id !== null) {
          withHistory++;
          const was = classes.get(prev[0].class_id)!.grade_level;
          const is = classes.get(s.class_id)!.grade_level;
          p.check(was === is - 1, () => `student ${s.id}: grade ${was} last year, ${is} now`);
        }
      } else if (s.class_id !== null) {
        // Only first-graders (and entrants from outside the county) have no history.
        const g = classes.get(s.class_id)!.grade_level;
        p.check(g === 1 || g === 7 || g === 10, () => `student ${s.id} in grade ${g} has no history`);
      }
    }
    p.expectNone();
    expect(withHistory / 40_000).toBeGreaterThan(0.75);
    // Last year's classes all have pupils.
    const prevSize = new Map<number, number>();
    for (const e of d.enrollments) prevSize.set(e.class_id, (prevSize.get(e.class_id) ?? 0) + 1);
    for (const c of d.classes) expect(prevSize.get(c.id) ?? 0, `${c.id} ${c.name}`).toBeGreaterThan(0);
  });

  it('gives active students 1–2 guardians with mobile numbers', () => {
    const p = new Problems();
    const count = new Map<number, number>();
    for (const g of d.guardians) {
      p.check(students.get(g.student_id)?.status === 'active', () => `guardian ${g.id} of a non-active student`);
      p.check(g.phone === null || /^1[3-9]\d{9}$/.test(g.phone), () => `guardian ${g.id} phone ${g.phone}`);
      count.set(g.student_id, (count.get(g.student_id) ?? 0) + 1);
    }
    for (const s of d.students.filter((x) => x.status === 'active')) {
      const n = count.get(s.id) ?? 0;
      p.check(n >= 1 && n <= 2, () => `student ${s.id} has ${n} guardians`);
    }
    p.expectNone();
  });

  it('has the demo accounts with roles scoped as documented', () => {
    expect(d.users.map((u) => u.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(d.users.map((u) => u.username)).not.toContain('admin');
    const user = (name: string) => d.users.find((u) => u.username === name)!;
    const rolesOf = (name: string) => d.userRoles.filter((r) => r.user_id === user(name).id);
    const staffOf = (name: string) => staff.get(user(name).staff_id!)!;
    for (const u of d.users) expect(staff.get(u.staff_id!)?.name).toBe(u.display_name);
    for (const r of d.userRoles) {
      if (r.school_id !== null) expect(schools.has(r.school_id)).toBe(true);
      if (r.subject_id !== null) expect(subjects.has(r.subject_id)).toBe(true);
      expect(r.region_id !== null || r.school_id !== null).toBe(true);
    }
    const regions = byId(d.regions);
    expect(rolesOf('leader')).toMatchObject([{ role: 'bureau_leader', region_id: d.countyRegionId, school_id: null }]);
    expect(staffOf('leader').position).toBe('局长');
    expect(rolesOf('researcher')).toMatchObject([{ role: 'researcher', region_id: d.countyRegionId }]);
    expect(staffOf('researcher').position).toMatch(/教研员$/);
    const inspector = rolesOf('inspector');
    expect(inspector).toHaveLength(5);
    expect(inspector.every((r) => r.role === 'inspector' && r.school_id !== null && r.region_id === null)).toBe(true);
    expect(new Set(inspector.map((r) => r.school_id)).size).toBe(5);
    const district = rolesOf('district');
    expect(district).toMatchObject([{ role: 'bureau_leader', school_id: null }]);
    expect(regions.get(district[0].region_id!)).toMatchObject({ level: 'district', name: '城关学区' });
    expect(staffOf('district').region_id).toBe(district[0].region_id);

    const school = d.demoSchoolId;
    expect(schools.get(school)?.type).toBe('primary');
    expect(rolesOf('principal')).toMatchObject([{ role: 'school_admin', school_id: school }]);
    expect(staffOf('principal')).toMatchObject({ school_id: school, position: '校长' });
    expect(rolesOf('director')).toMatchObject([{ role: 'school_director', school_id: school }]);
    expect(staffOf('director')).toMatchObject({ school_id: school, position: '教导主任' });
    expect(rolesOf('gradelead')).toMatchObject([{ role: 'grade_leader', school_id: school, grade_level: 3 }]);
    expect(staffOf('gradelead').school_id).toBe(school);
    const math = d.subjects.find((s) => s.name === '数学')!.id;
    expect(rolesOf('subjectlead')).toMatchObject([{ role: 'subject_leader', school_id: school, subject_id: math }]);
    expect(staffOf('subjectlead').school_id).toBe(school);
    expect(staffOf('subjectlead').subject_ids).toContain(math);

    const currentClasses = d.classes.filter((c) => c.school_year_id === d.currentSchoolYearId);
    expect(rolesOf('headteacher')).toEqual([]);
    const head = staffOf('headteacher');
    const headed = currentClasses.filter((c) => c.head_teacher_id === head.id);
    expect(headed.length).toBeGreaterThan(0);
    expect(headed.every((c) => c.school_id === school)).toBe(true);
    expect(rolesOf('teacher')).toEqual([]);
    const teacher = staffOf('teacher');
    expect(teacher.school_id).toBe(school);
    expect(currentClasses.some((c) => c.head_teacher_id === teacher.id)).toBe(false);
    const teaches = d.teachingAssignments.filter((a) => a.staff_id === teacher.id && a.term_id === d.currentTermId);
    expect(teaches.length).toBeGreaterThan(0);
    expect(teaches.every((a) => classes.get(a.class_id)!.school_id === school)).toBe(true);
  });
});

describe('the calendar follows the day the county is made for', () => {
  it('places a date in its school year and term', () => {
    expect(schoolTermOn(new Date('2026-11-23T12:00:00Z'))).toEqual({ schoolYear: 2026, currentTerm: 'first' });
    expect(schoolTermOn(new Date('2027-01-10T12:00:00Z'))).toEqual({ schoolYear: 2026, currentTerm: 'first' });
    expect(schoolTermOn(new Date('2027-03-15T12:00:00Z'))).toEqual({ schoolYear: 2026, currentTerm: 'second' });
    expect(schoolTermOn(new Date('2027-08-31T12:00:00Z'))).toEqual({ schoolYear: 2026, currentTerm: 'second' });
    expect(schoolTermOn(new Date('2027-09-01T12:00:00Z'))).toEqual({ schoolYear: 2027, currentTerm: 'first' });
  });

  it('makes the spring term current with the autumn placement closed and one open placement', () => {
    const d = generateCounty({ seed: 4, students: 2000, schools: 15, schoolYear: 2026, currentTerm: 'second' });
    expect(d.schoolYears.map((y) => [y.name, y.is_current])).toEqual([
      ['2025-2026', false],
      ['2026-2027', true],
    ]);
    const current = d.terms.filter((t) => t.is_current);
    expect(current.map((t) => [t.kind, t.start_date])).toEqual([['second', '2027-02-24']]);
    expect(d.currentTermId).toBe(current[0].id);
    const autumn = d.terms.find((t) => t.school_year_id === d.currentSchoolYearId && t.kind === 'first')!;
    for (const s of d.students.filter((x) => x.status === 'active').slice(0, 200)) {
      const mine = d.enrollments.filter((e) => e.student_id === s.id);
      expect(mine.filter((e) => e.end_date === null).map((e) => e.term_id)).toEqual([d.currentTermId]);
      expect(mine.find((e) => e.term_id === autumn.id)?.end_date).toBe(autumn.end_date);
    }
  });
});
