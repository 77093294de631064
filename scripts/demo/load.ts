/**
 * Loads a generated demo county into the database in one transaction.
 *
 * Speed: every table is written with `INSERT … SELECT FROM unnest($1::bigint[], $2::text[], …)` in chunks, so a
 * statement carries one parameter per column rather than one per value, and 40,000 students with their enrolments
 * and guardians load in a few seconds. Ids: the generator's local ids are shifted past the highest id (and sequence
 * value) each table already has, the tables are locked against concurrent inserts meanwhile, and every identity
 * sequence is moved past the new rows at the end, so later inserts with generated ids don't collide.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../src/server/db/types.js';
import { hashPassword } from '../../src/server/platform/auth/password.js';
import { countRows, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, type DemoCounty, type TableKey } from './county.js';

export { DEMO_PASSWORD };

/** The demo accounts (all with password DEMO_PASSWORD), for the README, tests and the start-up log. */
export const demoAccounts: readonly DemoAccount[] = DEMO_ACCOUNTS;

export interface LoadOptions {
  /** argon2id hash to store for every demo account; by default DEMO_PASSWORD is hashed once. */
  passwordHash?: string;
  /** Rows per INSERT statement (default 10,000). */
  chunkSize?: number;
  /** Run ANALYZE on the loaded tables after commit (default true; skipped when `db` is already a transaction). */
  analyze?: boolean;
  /** Called after each table is written. */
  onProgress?: (table: string, rows: number) => void;
}

export interface LoadSummary {
  /** Database id of the county region: the county_id of every loaded row. */
  countyId: number;
  /** Database id of the demo school and of the current term. */
  demoSchoolId: number;
  currentTermId: number;
  counts: Record<TableKey, number> & { activeStudents: number };
  ms: number;
}

/** Tables with an identity id whose ids the loader assigns, keyed by the DemoCounty field. */
const ID_TABLES = {
  schools: 'schools',
  schoolYears: 'school_years',
  terms: 'terms',
  subjects: 'subjects',
  staff: 'staff',
  classes: 'classes',
  teachingAssignments: 'teaching_assignments',
  students: 'students',
  enrollments: 'student_enrollments',
  guardians: 'guardians',
  users: 'users',
  userRoles: 'user_roles',
} as const satisfies Partial<Record<TableKey, keyof Database>>;
type IdKey = keyof typeof ID_TABLES;

interface Column {
  name: string;
  /** PostgreSQL type of the column; array types (text[], bigint[]) are passed as array literals and cast. */
  type: string;
  values: unknown[];
}

function arrayLiteral(items: readonly (string | number)[]): string {
  return `{${items.join(',')}}`;
}

/** INSERT INTO table (county_id, …) SELECT $county, … FROM unnest(…), in chunks. */
async function insertColumns(
  db: Kysely<Database>,
  table: keyof Database,
  countyId: number,
  columns: Column[],
  chunkSize: number,
): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  const aliases = columns.map((_, i) => `c${i}`);
  const names = sql.join([sql.id('county_id'), ...columns.map((c) => sql.id(c.name))]);
  const selects = sql.join([
    sql`${countyId}::bigint`,
    ...columns.map((c, i) =>
      c.type.endsWith('[]') ? sql.raw(`u.${aliases[i]}::${c.type}`) : sql.raw(`u.${aliases[i]}`),
    ),
  ]);
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(n, start + chunkSize);
    const arrays: RawBuilder<unknown>[] = columns.map((c) => {
      const elementType = c.type.endsWith('[]') ? 'text' : c.type;
      return sql`${c.values.slice(start, end)}::${sql.raw(elementType)}[]`;
    });
    await sql`INSERT INTO ${sql.table(table)} (${names})
      SELECT ${selects} FROM unnest(${sql.join(arrays)}) AS u(${sql.raw(aliases.join(', '))})`.execute(db);
  }
}

export async function loadCounty(db: Kysely<Database>, data: DemoCounty, opts: LoadOptions = {}): Promise<LoadSummary> {
  const started = performance.now();
  const chunkSize = opts.chunkSize ?? 10_000;
  const passwordHash = opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const progress = opts.onProgress ?? (() => {});

  const run = async (trx: Kysely<Database>): Promise<LoadSummary> => {
    await sql`LOCK TABLE regions, ${sql.join(Object.values(ID_TABLES).map((t) => sql.table(t)))} IN SHARE ROW EXCLUSIVE MODE`.execute(
      trx,
    );

    // ---- regions: reuse the province and city if present; the county must be new ----
    const regionIds = new Map<number, number>();
    const county = data.regions.find((r) => r.id === data.countyRegionId);
    if (!county) throw new Error('the data has no county region');
    const clash = await trx.selectFrom('regions').select('id').where('code', '=', county.code).executeTakeFirst();
    if (clash) throw new Error(`a region with code ${county.code} (${county.name}) already exists`);
    const usernames = data.users.map((u) => u.username.toLowerCase());
    if (usernames.length > 0) {
      const taken = await sql<{ username: string }>`SELECT username FROM users WHERE lower(username) IN (${sql.join(
        usernames,
      )})`.execute(trx);
      if (taken.rows.length > 0)
        throw new Error(`usernames already taken: ${taken.rows.map((r) => r.username).join(', ')}`);
    }
    let countyId = 0;
    for (const r of data.regions) {
      const parentId = r.parent_id === null ? null : regionIds.get(r.parent_id)!;
      if (r.level === 'province' || r.level === 'city') {
        const existing = await trx.selectFrom('regions').select('id').where('code', '=', r.code).executeTakeFirst();
        if (existing) {
          regionIds.set(r.id, Number(existing.id));
          continue;
        }
      }
      let id: number;
      if (r.id === data.countyRegionId) {
        const next = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('regions', 'id')) AS id`.execute(
          trx,
        );
        id = Number(next.rows[0].id);
        countyId = id;
        await trx
          .insertInto('regions')
          .values({ id, parent_id: parentId, county_id: id, level: r.level, code: r.code, name: r.name, sort: r.sort })
          .execute();
      } else {
        const inserted = await trx
          .insertInto('regions')
          .values({
            parent_id: parentId,
            county_id: r.county_id === null ? null : regionIds.get(r.county_id)!,
            level: r.level,
            code: r.code,
            name: r.name,
            sort: r.sort,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = Number(inserted.id);
      }
      regionIds.set(r.id, id);
    }
    progress('regions', data.regions.length);
    const region = (id: number | null) => (id === null ? null : regionIds.get(id)!);

    // ---- id offsets past whatever each table holds ----
    const offset = {} as Record<IdKey, number>;
    for (const [key, table] of Object.entries(ID_TABLES) as [IdKey, keyof Database][]) {
      const r = await sql<{ m: string | null }>`SELECT GREATEST(
          (SELECT max(id) FROM ${sql.table(table)}),
          pg_sequence_last_value(pg_get_serial_sequence(${table}, 'id')::regclass)
        ) AS m`.execute(trx);
      offset[key] = Number(r.rows[0].m ?? 0);
    }
    const ref =
      (key: IdKey) =>
      (id: number | null): number | null =>
        id === null ? null : id + offset[key];
    const school = ref('schools');
    const year = ref('schoolYears');
    const term = ref('terms');
    const subject = ref('subjects');
    const staffId = ref('staff');
    const classId = ref('classes');
    const student = ref('students');
    const user = ref('users');
    const ids = (key: IdKey, rows: readonly { id: number }[]) => rows.map((r) => r.id + offset[key]);
    const write = async (key: IdKey, rows: readonly { id: number }[], columns: Column[]) => {
      await insertColumns(
        trx,
        ID_TABLES[key],
        countyId,
        [{ name: 'id', type: 'bigint', values: ids(key, rows) }, ...columns],
        chunkSize,
      );
      progress(ID_TABLES[key], rows.length);
    };

    const d = data;
    await write('schools', d.schools, [
      { name: 'code', type: 'text', values: d.schools.map((s) => s.code) },
      { name: 'name', type: 'text', values: d.schools.map((s) => s.name) },
      { name: 'short_name', type: 'text', values: d.schools.map((s) => s.short_name) },
      { name: 'type', type: 'text', values: d.schools.map((s) => s.type) },
      { name: 'location', type: 'text', values: d.schools.map((s) => s.location) },
      { name: 'region_id', type: 'bigint', values: d.schools.map((s) => region(s.region_id)) },
      { name: 'parent_school_id', type: 'bigint', values: d.schools.map((s) => school(s.parent_school_id)) },
      { name: 'is_weak', type: 'boolean', values: d.schools.map((s) => s.is_weak) },
      { name: 'principal_name', type: 'text', values: d.schools.map((s) => s.principal_name) },
      { name: 'contact_person', type: 'text', values: d.schools.map((s) => s.contact_person) },
      { name: 'contact_phone', type: 'text', values: d.schools.map((s) => s.contact_phone) },
      { name: 'address', type: 'text', values: d.schools.map((s) => s.address) },
    ]);
    await write('schoolYears', d.schoolYears, [
      { name: 'name', type: 'text', values: d.schoolYears.map((y) => y.name) },
      { name: 'start_date', type: 'date', values: d.schoolYears.map((y) => y.start_date) },
      { name: 'end_date', type: 'date', values: d.schoolYears.map((y) => y.end_date) },
      { name: 'is_current', type: 'boolean', values: d.schoolYears.map((y) => y.is_current) },
    ]);
    await write('terms', d.terms, [
      { name: 'school_year_id', type: 'bigint', values: d.terms.map((t) => year(t.school_year_id)) },
      { name: 'kind', type: 'text', values: d.terms.map((t) => t.kind) },
      { name: 'name', type: 'text', values: d.terms.map((t) => t.name) },
      { name: 'start_date', type: 'date', values: d.terms.map((t) => t.start_date) },
      { name: 'end_date', type: 'date', values: d.terms.map((t) => t.end_date) },
      { name: 'is_current', type: 'boolean', values: d.terms.map((t) => t.is_current) },
    ]);
    await write('subjects', d.subjects, [
      { name: 'code', type: 'text', values: d.subjects.map((s) => s.code) },
      { name: 'name', type: 'text', values: d.subjects.map((s) => s.name) },
      { name: 'stages', type: 'text[]', values: d.subjects.map((s) => arrayLiteral(s.stages)) },
      { name: 'sort', type: 'integer', values: d.subjects.map((s) => s.sort) },
    ]);
    await write('staff', d.staff, [
      { name: 'staff_no', type: 'text', values: d.staff.map((s) => s.staff_no) },
      { name: 'name', type: 'text', values: d.staff.map((s) => s.name) },
      { name: 'gender', type: 'text', values: d.staff.map((s) => s.gender) },
      { name: 'school_id', type: 'bigint', values: d.staff.map((s) => school(s.school_id)) },
      { name: 'region_id', type: 'bigint', values: d.staff.map((s) => region(s.region_id)) },
      { name: 'phone', type: 'text', values: d.staff.map((s) => s.phone) },
      { name: 'title', type: 'text', values: d.staff.map((s) => s.title) },
      { name: 'tiers', type: 'text[]', values: d.staff.map((s) => arrayLiteral(s.tiers)) },
      {
        name: 'subject_ids',
        type: 'bigint[]',
        values: d.staff.map((s) => arrayLiteral(s.subject_ids.map((id) => subject(id)!))),
      },
      { name: 'position', type: 'text', values: d.staff.map((s) => s.position) },
    ]);
    await write('classes', d.classes, [
      { name: 'school_id', type: 'bigint', values: d.classes.map((c) => school(c.school_id)) },
      { name: 'school_year_id', type: 'bigint', values: d.classes.map((c) => year(c.school_year_id)) },
      { name: 'grade_level', type: 'smallint', values: d.classes.map((c) => c.grade_level) },
      { name: 'class_no', type: 'smallint', values: d.classes.map((c) => c.class_no) },
      { name: 'name', type: 'text', values: d.classes.map((c) => c.name) },
      { name: 'head_teacher_id', type: 'bigint', values: d.classes.map((c) => staffId(c.head_teacher_id)) },
    ]);
    const ta = d.teachingAssignments;
    await write('teachingAssignments', ta, [
      { name: 'term_id', type: 'bigint', values: ta.map((a) => term(a.term_id)) },
      { name: 'staff_id', type: 'bigint', values: ta.map((a) => staffId(a.staff_id)) },
      { name: 'class_id', type: 'bigint', values: ta.map((a) => classId(a.class_id)) },
      { name: 'subject_id', type: 'bigint', values: ta.map((a) => subject(a.subject_id)) },
    ]);
    await write('students', d.students, [
      { name: 'student_no', type: 'text', values: d.students.map((s) => s.student_no) },
      { name: 'name', type: 'text', values: d.students.map((s) => s.name) },
      { name: 'gender', type: 'text', values: d.students.map((s) => s.gender) },
      { name: 'birth_date', type: 'date', values: d.students.map((s) => s.birth_date) },
      { name: 'school_id', type: 'bigint', values: d.students.map((s) => school(s.school_id)) },
      { name: 'class_id', type: 'bigint', values: d.students.map((s) => classId(s.class_id)) },
      { name: 'status', type: 'text', values: d.students.map((s) => s.status) },
    ]);
    const en = d.enrollments;
    await write('enrollments', en, [
      { name: 'student_id', type: 'bigint', values: en.map((e) => student(e.student_id)) },
      { name: 'term_id', type: 'bigint', values: en.map((e) => term(e.term_id)) },
      { name: 'school_id', type: 'bigint', values: en.map((e) => school(e.school_id)) },
      { name: 'class_id', type: 'bigint', values: en.map((e) => classId(e.class_id)) },
      { name: 'start_date', type: 'date', values: en.map((e) => e.start_date) },
      { name: 'end_date', type: 'date', values: en.map((e) => e.end_date) },
      { name: 'reason', type: 'text', values: en.map((e) => e.reason) },
    ]);
    await write('guardians', d.guardians, [
      { name: 'student_id', type: 'bigint', values: d.guardians.map((g) => student(g.student_id)) },
      { name: 'name', type: 'text', values: d.guardians.map((g) => g.name) },
      { name: 'relation', type: 'text', values: d.guardians.map((g) => g.relation) },
      { name: 'phone', type: 'text', values: d.guardians.map((g) => g.phone) },
    ]);
    await write('users', d.users, [
      { name: 'username', type: 'text', values: d.users.map((u) => u.username) },
      { name: 'display_name', type: 'text', values: d.users.map((u) => u.display_name) },
      { name: 'staff_id', type: 'bigint', values: d.users.map((u) => staffId(u.staff_id)) },
      { name: 'password_hash', type: 'text', values: d.users.map(() => passwordHash) },
      { name: 'locale', type: 'text', values: d.users.map((u) => u.locale) },
    ]);
    await write('userRoles', d.userRoles, [
      { name: 'user_id', type: 'bigint', values: d.userRoles.map((r) => user(r.user_id)) },
      { name: 'role', type: 'text', values: d.userRoles.map((r) => r.role) },
      { name: 'region_id', type: 'bigint', values: d.userRoles.map((r) => region(r.region_id)) },
      { name: 'school_id', type: 'bigint', values: d.userRoles.map((r) => school(r.school_id)) },
      { name: 'grade_level', type: 'smallint', values: d.userRoles.map((r) => r.grade_level) },
      { name: 'subject_id', type: 'bigint', values: d.userRoles.map((r) => subject(r.subject_id)) },
    ]);

    // ---- move every identity sequence past the new rows ----
    for (const [key, table] of Object.entries(ID_TABLES) as [IdKey, keyof Database][]) {
      const rows = data[key];
      if (rows.length === 0) continue;
      const max = rows.reduce((m, r) => Math.max(m, r.id), 0) + offset[key];
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${max}::bigint)`.execute(trx);
    }

    return {
      countyId,
      demoSchoolId: school(data.demoSchoolId)!,
      currentTermId: term(data.currentTermId)!,
      counts: countRows(data),
      ms: 0,
    };
  };

  let summary: LoadSummary;
  if (db.isTransaction) {
    summary = await run(db);
  } else {
    summary = await db.transaction().execute(run);
    if (opts.analyze ?? true) {
      await sql`ANALYZE regions, ${sql.join(Object.values(ID_TABLES).map((t) => sql.table(t)))}`.execute(db);
    }
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
