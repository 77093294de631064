import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/pool.js';
import { hashPassword } from '../../platform/auth/password.js';
import { createEmptyCounty } from '../../platform/bootstrap.js';
import { type Client, signIn } from '../../testing/app.js';
import { todayInChina } from './shared.js';

/**
 * A small, complete county for integration tests, with one signed-in-able user per role. Written straight into
 * the database (no API calls), so it is fast and independent of the routes under test.
 *
 * ```
 * 测试县 (county)
 * ├─ 东区学区 (east):  A 实验小学 (primary)      C 东区中学 (junior)
 * └─ 西区学区 (west):  B 西区小学 (primary)      D 西区村小 (village, 中心校 B)
 * ```
 * School years: `previous` (last year, not current) and `current` (contains today); terms: the current year's two
 * (`current` is the one containing today — the second outside either term's dates — and `otherCurrentYear`) and the
 * previous year's second term (`previous`).
 *
 * Staff (工号): A — A001 principalA, A002 directorA, A003 gradeLeaderA, A004 subjectLeaderA (数学), A005 headTeacherA
 * (语文), A006 teacherA (数学), A007 otherTeacherA (语文); B — B001 principalB, B002 teacherB; C — C001 teacherC;
 * D — D001 teacherD; bureau (no school) — J001 bureauStaff. Phones 139000000NN; A001–A007 carry subjects.
 *
 * Classes (current year unless said): A 三年级(1)班 `a31` (head: headTeacherA), A 三年级(2)班 `a32` and
 * A 四年级(1)班 `a41` (head: otherTeacherA), B 三年级(1)班 `b31` (teacherB), C 七年级(1)班 `c71` (teacherC),
 * D 一年级(1)班 `d11` (teacherD), and last year's A 二年级(1)班 `aPrev` (headTeacherA).
 *
 * Teaching assignments (current term): headTeacherA 语文 a31; teacherA 数学 a32 and a41; otherTeacherA 语文 a32;
 * teacherB 语文 b31. Previous term: teacherA 数学 aPrev (not in the teacher's scope: not the current year).
 *
 * Students (学籍号 G<PREFIX>000001…, each with one open enrollment in the current term, reason 'enrol', from the
 * year's start): a31 three 在读 + one 休学 (`a31Suspended`), a32 two, a41 two, one in A with no class (`aUnplaced`),
 * b31 two, c71 two, d11 one — 14 in all: A 9, B 2, C 2, D 1. Guardians: every placed student has a mother
 * (phone 1380000NNNN); the first a31 student also has a father.
 *
 * Users (username `<prefix>_<role key>`, all with FIXTURE_PASSWORD):
 * | key | grant | staff |
 * |---|---|---|
 * | countyAdmin | 教育局管理员 on the county | — |
 * | districtLeader | 局领导 (bureau_leader) on 东区学区 | — |
 * | inspector | 督学 on schools A and D (two grants) | bureauStaff |
 * | principalA | 校长 (school_admin) of A | principalA |
 * | directorA | 教导主任 (school_director) of A | directorA |
 * | gradeLeaderA3 | 年级组长 of A, grade 3 | gradeLeaderA |
 * | subjectLeaderAMath | 教研组长 of A, 数学 | subjectLeaderA |
 * | headTeacherA | none (班主任 of a31 by the registry) | headTeacherA |
 * | teacherA | none (任课教师 of a32, a41 by the registry) | teacherA |
 * | principalB | 校长 of B | principalB |
 *
 * `expected` states what each user sees in the students, classes and staff lists (not archived): the numbers the
 * scope rules give, for matrix tests.
 */
export const FIXTURE_PASSWORD = 'Fixture2025';

export const FIXTURE_ROLES = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'gradeLeaderA3',
  'subjectLeaderAMath',
  'headTeacherA',
  'teacherA',
  'principalB',
] as const;
export type FixtureRole = (typeof FIXTURE_ROLES)[number];

export interface FixtureCounty {
  countyId: number;
  prefix: string;
  password: string;
  regions: { county: number; east: number; west: number };
  schools: { a: number; b: number; c: number; d: number };
  years: { current: number; previous: number };
  /** Dates of the current school year, e.g. for transfers. */
  currentYear: { name: string; startDate: string; endDate: string };
  terms: { current: number; otherCurrentYear: number; previous: number };
  subjects: { yuwen: number; shuxue: number; yingyu: number };
  staff: {
    principalA: number;
    directorA: number;
    gradeLeaderA: number;
    subjectLeaderA: number;
    headTeacherA: number;
    teacherA: number;
    otherTeacherA: number;
    principalB: number;
    teacherB: number;
    teacherC: number;
    teacherD: number;
    bureauStaff: number;
  };
  classes: { a31: number; a32: number; a41: number; aPrev: number; b31: number; c71: number; d11: number };
  students: {
    a31: number[];
    a31Suspended: number;
    a32: number[];
    a41: number[];
    aUnplaced: number;
    b31: number[];
    c71: number[];
    d11: number[];
  };
  /** Guardian ids by student id (mother first). */
  guardians: Map<number, number[]>;
  users: Record<FixtureRole, { id: number; username: string }>;
  expected: {
    students: Record<FixtureRole, number>;
    classes: Record<FixtureRole, number>;
    staff: Record<FixtureRole, number>;
  };
}

export interface FixtureOptions {
  /** Prefix of usernames and codes, so two fixture counties fit in one database (default 'fx'). */
  prefix?: string;
  countyName?: string;
}

/** The school year containing today runs 1 Sep – 31 Aug, with terms 1 Sep – 31 Jan and 1 Feb – 31 Jul. */
function yearDates(today: string) {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return { start, today };
}

export async function createFixtureCounty(db: Db, options: FixtureOptions = {}): Promise<FixtureCounty> {
  const prefix = options.prefix ?? 'fx';
  const countyId = await createEmptyCounty(db, options.countyName ?? '测试县', `${prefix}-county`);
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);

  const region = async (code: string, name: string, sort: number) =>
    (
      await db
        .insertInto('regions')
        .values({ parent_id: countyId, county_id: countyId, level: 'district', code: `${prefix}-${code}`, name, sort })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const east = await region('east', '东区学区', 1);
  const west = await region('west', '西区学区', 2);

  const school = async (code: string, name: string, type: string, regionId: number, parent: number | null = null) =>
    (
      await db
        .insertInto('schools')
        .values({
          county_id: countyId,
          code,
          name,
          type,
          location: type === 'village' ? 'rural' : 'urban',
          region_id: regionId,
          parent_school_id: parent,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const a = await school('A', '实验小学', 'primary', east);
  const c = await school('C', '东区中学', 'junior', east);
  const b = await school('B', '西区小学', 'primary', west);
  const d = await school('D', '西区村小', 'village', west, b);

  const { start, today } = yearDates(todayInChina());
  const year = async (from: number, current: boolean) =>
    (
      await db
        .insertInto('school_years')
        .values({
          county_id: countyId,
          name: `${from}-${from + 1}`,
          start_date: `${from}-09-01`,
          end_date: `${from + 1}-08-31`,
          is_current: current,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const previousYear = await year(start - 1, false);
  const currentYear = await year(start, true);
  const firstDates = { start: `${start}-09-01`, end: `${start + 1}-01-31` };
  const inFirst = today >= firstDates.start && today <= firstDates.end;
  const term = async (yearId: number, from: number, kind: 'first' | 'second', current: boolean) => {
    const dates =
      kind === 'first'
        ? { start: `${from}-09-01`, end: `${from + 1}-01-31` }
        : { start: `${from + 1}-02-01`, end: `${from + 1}-07-31` };
    return (
      await db
        .insertInto('terms')
        .values({
          county_id: countyId,
          school_year_id: yearId,
          kind,
          name: `${from}-${from + 1}学年${kind === 'first' ? '上学期' : '下学期'}`,
          start_date: dates.start,
          end_date: dates.end,
          is_current: current,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const previousTerm = await term(previousYear, start - 1, 'second', false);
  const firstTerm = await term(currentYear, start, 'first', inFirst);
  const secondTerm = await term(currentYear, start, 'second', !inFirst);

  const subjectId = async (code: string) =>
    (
      await db
        .selectFrom('subjects')
        .select('id')
        .where('county_id', '=', countyId)
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  const yuwen = await subjectId('YW');
  const shuxue = await subjectId('SX');
  const yingyu = await subjectId('YY');

  let phone = 0;
  const staff = async (
    staffNo: string,
    name: string,
    schoolId: number | null,
    extra: { subjects?: number[]; title?: string; tiers?: string[]; position?: string; regionId?: number } = {},
  ) =>
    (
      await db
        .insertInto('staff')
        .values({
          county_id: countyId,
          staff_no: staffNo,
          name,
          gender: phone % 2 === 0 ? 'F' : 'M',
          school_id: schoolId,
          region_id: extra.regionId ?? null,
          phone: `139000000${String(++phone).padStart(2, '0')}`,
          title: extra.title ?? 'first',
          tiers: extra.tiers ?? [],
          subject_ids: extra.subjects ?? [],
          position: extra.position ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const staffIds = {
    principalA: await staff('A001', '张校长', a, {
      subjects: [yuwen],
      title: 'senior',
      position: '校长',
      tiers: ['famous_principal'],
    }),
    directorA: await staff('A002', '王主任', a, { subjects: [shuxue], position: '教导主任' }),
    gradeLeaderA: await staff('A003', '李组长', a, { subjects: [yuwen], position: '年级组长' }),
    subjectLeaderA: await staff('A004', '赵组长', a, {
      subjects: [shuxue],
      tiers: ['backbone'],
      position: '数学教研组长',
    }),
    headTeacherA: await staff('A005', '陈老师', a, { subjects: [yuwen], tiers: ['backbone'] }),
    teacherA: await staff('A006', '刘老师', a, { subjects: [shuxue, yingyu], title: 'second' }),
    otherTeacherA: await staff('A007', '周老师', a, { subjects: [yuwen], title: 'second', tiers: ['new_teacher'] }),
    principalB: await staff('B001', '吴校长', b, { title: 'senior', position: '校长' }),
    teacherB: await staff('B002', '郑老师', b, { subjects: [yuwen] }),
    teacherC: await staff('C001', '孙老师', c, { subjects: [shuxue] }),
    teacherD: await staff('D001', '钱老师', d, { subjects: [yuwen] }),
    bureauStaff: await staff('J001', '冯督学', null, { regionId: countyId, title: 'senior', position: '督学' }),
  };

  const klass = async (
    schoolId: number,
    yearId: number,
    gradeLevel: number,
    classNo: number,
    name: string,
    head: number,
  ) =>
    (
      await db
        .insertInto('classes')
        .values({
          county_id: countyId,
          school_id: schoolId,
          school_year_id: yearId,
          grade_level: gradeLevel,
          class_no: classNo,
          name,
          head_teacher_id: head,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const classes = {
    a31: await klass(a, currentYear, 3, 1, '三年级(1)班', staffIds.headTeacherA),
    a32: await klass(a, currentYear, 3, 2, '三年级(2)班', staffIds.otherTeacherA),
    a41: await klass(a, currentYear, 4, 1, '四年级(1)班', staffIds.otherTeacherA),
    aPrev: await klass(a, previousYear, 2, 1, '二年级(1)班', staffIds.headTeacherA),
    b31: await klass(b, currentYear, 3, 1, '三年级(1)班', staffIds.teacherB),
    c71: await klass(c, currentYear, 7, 1, '七年级(1)班', staffIds.teacherC),
    d11: await klass(d, currentYear, 1, 1, '一年级(1)班', staffIds.teacherD),
  };
  const currentTermId = inFirst ? firstTerm : secondTerm;

  const assign = (termId: number, staffId: number, classId: number, subject: number) =>
    db
      .insertInto('teaching_assignments')
      .values({ county_id: countyId, term_id: termId, staff_id: staffId, class_id: classId, subject_id: subject })
      .execute();
  await assign(currentTermId, staffIds.headTeacherA, classes.a31, yuwen);
  await assign(currentTermId, staffIds.teacherA, classes.a32, shuxue);
  await assign(currentTermId, staffIds.teacherA, classes.a41, shuxue);
  await assign(currentTermId, staffIds.otherTeacherA, classes.a32, yuwen);
  await assign(currentTermId, staffIds.teacherB, classes.b31, yuwen);
  await assign(previousTerm, staffIds.teacherA, classes.aPrev, shuxue);

  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  let seq = 0;
  const guardians = new Map<number, number[]>();
  const student = async (schoolId: number, classId: number | null, status = 'active') => {
    seq += 1;
    const row = await db
      .insertInto('students')
      .values({
        county_id: countyId,
        student_no: `G${prefix.toUpperCase()}${String(seq).padStart(6, '0')}`,
        name: `${SURNAMES[seq % SURNAMES.length]}同学${seq}`,
        gender: seq % 2 === 0 ? 'F' : 'M',
        birth_date: `${start - 8}-0${(seq % 9) + 1}-15`,
        school_id: schoolId,
        class_id: classId,
        status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (classId != null) {
      await db
        .insertInto('student_enrollments')
        .values({
          county_id: countyId,
          student_id: row.id,
          term_id: currentTermId,
          school_id: schoolId,
          class_id: classId,
          start_date: firstDates.start,
          reason: 'enrol',
        })
        .execute();
      const mother = await db
        .insertInto('guardians')
        .values({
          county_id: countyId,
          student_id: row.id,
          name: `${SURNAMES[(seq + 3) % SURNAMES.length]}妈妈${seq}`,
          relation: 'mother',
          phone: `1380000${String(seq).padStart(4, '0')}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      guardians.set(row.id, [mother.id]);
    }
    return row.id;
  };
  const many = async (n: number, schoolId: number, classId: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await student(schoolId, classId));
    return ids;
  };
  const students = {
    a31: await many(3, a, classes.a31),
    a31Suspended: await student(a, classes.a31, 'suspended'),
    a32: await many(2, a, classes.a32),
    a41: await many(2, a, classes.a41),
    aUnplaced: await student(a, null),
    b31: await many(2, b, classes.b31),
    c71: await many(2, c, classes.c71),
    d11: await many(1, d, classes.d11),
  };
  const father = await db
    .insertInto('guardians')
    .values({
      county_id: countyId,
      student_id: students.a31[0],
      name: '王爸爸',
      relation: 'father',
      phone: '13700001111',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  guardians.get(students.a31[0])!.push(father.id);

  const user = async (
    key: FixtureRole,
    displayName: string,
    staffId: number | null,
    grants: { role: string; region_id?: number; school_id?: number; grade_level?: number; subject_id?: number }[],
  ) => {
    const username = `${prefix}_${key}`;
    const row = await db
      .insertInto('users')
      .values({
        county_id: countyId,
        username,
        display_name: displayName,
        staff_id: staffId,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const g of grants) {
      await db
        .insertInto('user_roles')
        .values({
          county_id: countyId,
          user_id: row.id,
          role: g.role,
          region_id: g.region_id ?? null,
          school_id: g.school_id ?? null,
          grade_level: g.grade_level ?? null,
          subject_id: g.subject_id ?? null,
        })
        .execute();
    }
    return { id: row.id, username };
  };
  const users: FixtureCounty['users'] = {
    countyAdmin: await user('countyAdmin', '县教育局管理员', null, [{ role: 'bureau_admin', region_id: countyId }]),
    districtLeader: await user('districtLeader', '东区学区领导', null, [{ role: 'bureau_leader', region_id: east }]),
    inspector: await user('inspector', '冯督学', staffIds.bureauStaff, [
      { role: 'inspector', school_id: a },
      { role: 'inspector', school_id: d },
    ]),
    principalA: await user('principalA', '张校长', staffIds.principalA, [{ role: 'school_admin', school_id: a }]),
    directorA: await user('directorA', '王主任', staffIds.directorA, [{ role: 'school_director', school_id: a }]),
    gradeLeaderA3: await user('gradeLeaderA3', '李组长', staffIds.gradeLeaderA, [
      { role: 'grade_leader', school_id: a, grade_level: 3 },
    ]),
    subjectLeaderAMath: await user('subjectLeaderAMath', '赵组长', staffIds.subjectLeaderA, [
      { role: 'subject_leader', school_id: a, subject_id: shuxue },
    ]),
    headTeacherA: await user('headTeacherA', '陈老师', staffIds.headTeacherA, []),
    teacherA: await user('teacherA', '刘老师', staffIds.teacherA, []),
    principalB: await user('principalB', '吴校长', staffIds.principalB, [{ role: 'school_admin', school_id: b }]),
  };

  // What the scope rules give (students: A 9, B 2, C 2, D 1; classes: A 4 incl. last year's, B, C, D 1 each;
  // staff: A 7, B 2, C 1, D 1, bureau 1).
  const expected: FixtureCounty['expected'] = {
    students: {
      countyAdmin: 14,
      districtLeader: 11, // A + C
      inspector: 10, // A + D
      principalA: 9,
      directorA: 9,
      gradeLeaderA3: 6, // a31 (4) + a32 (2)
      subjectLeaderAMath: 9, // a 教研组长 sees the school whole
      headTeacherA: 4, // a31
      teacherA: 4, // a32 + a41
      principalB: 2,
    },
    classes: {
      countyAdmin: 7,
      districtLeader: 5,
      inspector: 5,
      principalA: 4,
      directorA: 4,
      gradeLeaderA3: 2, // a31, a32 (aPrev is grade 2)
      subjectLeaderAMath: 4,
      headTeacherA: 1, // a31 (aPrev is last year's)
      teacherA: 2, // a32, a41
      principalB: 1,
    },
    staff: {
      countyAdmin: 12,
      districtLeader: 9, // A 7 + C 1 + bureau 1
      inspector: 9, // A 7 + D 1 + bureau 1
      principalA: 7,
      directorA: 7,
      gradeLeaderA3: 7,
      subjectLeaderAMath: 7,
      headTeacherA: 7,
      teacherA: 7,
      principalB: 2,
    },
  };

  return {
    countyId,
    prefix,
    password: FIXTURE_PASSWORD,
    regions: { county: countyId, east, west },
    schools: { a, b, c, d },
    years: { current: currentYear, previous: previousYear },
    currentYear: { name: `${start}-${start + 1}`, startDate: `${start}-09-01`, endDate: `${start + 1}-08-31` },
    terms: { current: currentTermId, otherCurrentYear: inFirst ? secondTerm : firstTerm, previous: previousTerm },
    subjects: { yuwen, shuxue, yingyu },
    staff: staffIds,
    classes,
    students,
    guardians,
    users,
    expected,
  };
}

/** Signs in one of the fixture's users (a client that keeps the cookie and sends the CSRF token). */
export function signInAs(app: FastifyInstance, fx: FixtureCounty, role: FixtureRole): Promise<Client> {
  return signIn(app, fx.users[role].username, fx.password);
}

/** Signs in every fixture user, in parallel. */
export async function signInAll(app: FastifyInstance, fx: FixtureCounty): Promise<Record<FixtureRole, Client>> {
  const clients = await Promise.all(FIXTURE_ROLES.map((r) => signInAs(app, fx, r)));
  return Object.fromEntries(FIXTURE_ROLES.map((r, i) => [r, clients[i]])) as Record<FixtureRole, Client>;
}
