import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { labelOf, TERM_KINDS } from '../../../common/org/enums.js';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { likePattern, paginate } from '../../platform/list.js';
import { registerEntity } from './crud.js';
import { findSchoolYear, findTerm } from './lookups.js';
import { clash, invalid, labelFor } from './messages.js';
import { orgPolicy } from './policy.js';
import { DateText, defined, IdRef, isValidDate } from './shared.js';

/**
 * School years (学年) and terms (学期), county-wide: everyone signed in reads them, the county's 教育局管理员
 * writes them. Rules kept here:
 * - dates are real dates, end after start; school years of a county do not overlap, nor do the terms of a year,
 *   and a term lies inside its school year (also checked when a school year's dates change);
 * - at most one current school year and one current term (partial unique indexes back this up). Making a term
 *   current makes its school year current; making a school year current ends a current term of another year;
 *   a school year that stops being current takes its current term with it;
 * - the tables have no archived_at: DELETE removes a school year or term only when it is not current and nothing
 *   refers to it (a mistaken entry), else answers 409; the audit row keeps what was removed.
 */
export const SchoolYear = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  isCurrent: Type.Boolean(),
});
export type SchoolYear = Static<typeof SchoolYear>;

const YearFields = {
  name: Type.String({ minLength: 4, maxLength: 20, description: 'e.g. 2025-2026' }),
  startDate: DateText,
  endDate: DateText,
  isCurrent: Type.Optional(Type.Boolean()),
};
const YearCreate = Type.Object(YearFields);
const YearUpdate = Type.Partial(Type.Object(YearFields));
type YearCreate = Static<typeof YearCreate>;
type YearUpdate = Static<typeof YearUpdate>;

export const Term = Type.Object({
  id: Type.Integer(),
  schoolYearId: Type.Integer(),
  schoolYearName: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  isCurrent: Type.Boolean(),
});
export type Term = Static<typeof Term>;

const TermKind = Type.Union([Type.Literal('first'), Type.Literal('second')]);
const TermCreate = Type.Object({
  schoolYearId: IdRef,
  kind: TermKind,
  /** Defaults to the school year's name and the kind, e.g. 2025-2026学年上学期. */
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
  startDate: DateText,
  endDate: DateText,
  isCurrent: Type.Optional(Type.Boolean()),
});
const TermUpdate = Type.Partial(TermCreate);
type TermCreate = Static<typeof TermCreate>;
type TermUpdate = Static<typeof TermUpdate>;

const YearFilters = Type.Object({});
const TermFilters = Type.Object({ schoolYearId: Type.Optional(IdRef) });
type TermFilters = Static<typeof TermFilters>;

/** Newest first unless the caller chooses. */
function newestFirst<P extends { sort?: string; order?: 'asc' | 'desc' }>(p: P): P {
  return { ...p, order: p.order ?? (p.sort ? 'asc' : 'desc') };
}

function checkDates(auth: AuthContext, startDate: string, endDate: string) {
  if (!isValidDate(startDate)) throw invalid(auth, 'date_invalid', { field: 'startDate' });
  if (!isValidDate(endDate)) throw invalid(auth, 'date_invalid', { field: 'endDate' });
  if (endDate <= startDate) throw invalid(auth, 'date_order');
}

function yearQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('school_years as y')
    .select(['y.id', 'y.name', 'y.start_date as startDate', 'y.end_date as endDate', 'y.is_current as isCurrent'])
    .where('y.county_id', '=', auth.user.countyId);
}

function termQuery(db: Db, auth: AuthContext) {
  return db
    .selectFrom('terms as t')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
    )
    .select([
      't.id',
      't.school_year_id as schoolYearId',
      'y.name as schoolYearName',
      't.kind',
      't.name',
      't.start_date as startDate',
      't.end_date as endDate',
      't.is_current as isCurrent',
    ])
    .where('t.county_id', '=', auth.user.countyId);
}

async function checkYear(
  tx: Db,
  auth: AuthContext,
  year: { name: string; startDate: string; endDate: string },
  selfId?: number,
) {
  checkDates(auth, year.startDate, year.endDate);
  const countyId = auth.user.countyId;
  let others = tx
    .selectFrom('school_years')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .where((eb) =>
      eb.or([
        eb('name', '=', year.name),
        eb.and([eb('start_date', '<=', year.endDate), eb('end_date', '>=', year.startDate)]),
      ]),
    );
  if (selfId != null) others = others.where('id', '<>', selfId);
  for (const o of await others.execute()) {
    if (o.name === year.name) throw clash(auth, 'year_name_taken', { name: o.name });
    throw clash(auth, 'year_overlap', { name: o.name, start: o.start_date, end: o.end_date });
  }
  if (selfId != null) {
    const outside = await tx
      .selectFrom('terms')
      .select(['name', 'start_date', 'end_date'])
      .where('county_id', '=', countyId)
      .where('school_year_id', '=', selfId)
      .where((eb) => eb.or([eb('start_date', '<', year.startDate), eb('end_date', '>', year.endDate)]))
      .executeTakeFirst();
    if (outside)
      throw invalid(auth, 'year_terms_outside', {
        name: outside.name,
        start: outside.start_date,
        end: outside.end_date,
      });
  }
}

/** The two tables whose rows are "current" (one each per county) and are deleted rather than archived. */
type PeriodTable = 'school_years' | 'terms';

async function setCurrent(tx: Db, table: PeriodTable, countyId: number, id: number, isCurrent: boolean) {
  await tx
    .updateTable(table)
    .set({ is_current: isCurrent, updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .execute();
}

/** Makes row `id` the county's only current one of `table`: the old one is cleared first (partial unique index). */
async function makeOnlyCurrent(tx: Db, table: PeriodTable, countyId: number, id: number) {
  await tx
    .updateTable(table)
    .set({ is_current: false, updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .where('id', '<>', id)
    .execute();
  await setCurrent(tx, table, countyId, id, true);
}

/** Makes this school year the county's only current one; a current term of another year stops being current. */
async function makeYearCurrent(tx: Db, countyId: number, id: number) {
  await tx
    .updateTable('terms')
    .set({ is_current: false, updated_at: new Date() })
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .where('school_year_id', '<>', id)
    .execute();
  await makeOnlyCurrent(tx, 'school_years', countyId, id);
}

async function makeTermCurrent(tx: Db, countyId: number, id: number, schoolYearId: number) {
  await makeYearCurrent(tx, countyId, schoolYearId);
  await makeOnlyCurrent(tx, 'terms', countyId, id);
}

interface TermShape {
  schoolYearId: number;
  kind: string;
  startDate: string;
  endDate: string;
}

async function checkTerm(tx: Db, auth: AuthContext, term: TermShape, selfId?: number) {
  checkDates(auth, term.startDate, term.endDate);
  const countyId = auth.user.countyId;
  const year = await findSchoolYear(tx, countyId, term.schoolYearId);
  if (!year) throw invalid(auth, 'year_not_found');
  if (term.startDate < year.start_date || term.endDate > year.end_date) {
    throw invalid(auth, 'term_outside_year', { year: year.name, start: year.start_date, end: year.end_date });
  }
  let siblings = tx
    .selectFrom('terms')
    .select(['id', 'kind', 'name', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .where('school_year_id', '=', term.schoolYearId);
  if (selfId != null) siblings = siblings.where('id', '<>', selfId);
  for (const s of await siblings.execute()) {
    if (s.kind === term.kind) {
      throw clash(auth, 'term_kind_taken', { year: year.name, kind: labelFor(auth, TERM_KINDS, s.kind) });
    }
    if (s.start_date <= term.endDate && s.end_date >= term.startDate) {
      throw invalid(auth, 'term_overlap', { name: s.name, start: s.start_date, end: s.end_date });
    }
  }
  return year;
}

/** 2025-2026 + first → 2025-2026学年上学期 (stored data, in the county's language). */
function defaultTermName(yearName: string, kind: string): string {
  return `${yearName.endsWith('学年') ? yearName : `${yearName}学年`}${labelOf(TERM_KINDS, kind)}`;
}

type RefTable = 'terms' | 'classes' | 'teaching_assignments' | 'student_enrollments';
type RefColumn = 'school_year_id' | 'term_id';

/** Rows of `table` whose `column` refers to `id` (small: by the table's county-first index). */
async function refCount(tx: Db, countyId: number, table: RefTable, column: RefColumn, id: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE county_id = ${countyId} AND ${sql.ref(column)} = ${id}`.execute(
    tx,
  );
  return rows[0].n;
}

/**
 * DELETE of a school year or term (no archived_at): only a row that is not current and that nothing refers to
 * (a mistaken entry) is removed; otherwise 409 with `inUse` naming why.
 */
async function deleteUnused(
  tx: Db,
  auth: AuthContext,
  table: PeriodTable,
  id: number,
  isCurrent: boolean | undefined,
  refs: readonly (readonly [RefTable, RefColumn])[],
  inUse: 'year_in_use' | 'term_in_use',
) {
  const countyId = auth.user.countyId;
  if (isCurrent) throw clash(auth, 'current_not_deletable');
  let used = 0;
  for (const [refTable, column] of refs) used += await refCount(tx, countyId, refTable, column, id);
  if (used > 0) throw clash(auth, inUse);
  await tx.deleteFrom(table).where('county_id', '=', countyId).where('id', '=', id).execute();
}

export function schoolYearRoutes(app: FastifyInstance) {
  registerEntity<SchoolYear, YearCreate, YearUpdate>(app, {
    path: 'school-years',
    entity: 'school_year',
    table: 'school_years',
    item: SchoolYear,
    create: YearCreate,
    update: YearUpdate,
    filters: YearFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageCounty,
    async list(db, auth, p) {
      let q = yearQuery(db, auth);
      if (p.q) q = q.where('y.name', 'ilike', likePattern(String(p.q)));
      return paginate(q, newestFirst(p), { name: 'y.name', startDate: 'y.start_date' }, 'startDate', 'y.id');
    },
    get: (db, auth, id) => yearQuery(db, auth).where('y.id', '=', id).executeTakeFirst(),
    canWrite: (auth) => orgPolicy.manageCounty(auth),
    async insert(tx, auth, input) {
      await checkYear(tx, auth, input);
      const countyId = auth.user.countyId;
      const row = await tx
        .insertInto('school_years')
        .values({ county_id: countyId, name: input.name, start_date: input.startDate, end_date: input.endDate })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.isCurrent) await makeYearCurrent(tx, countyId, row.id);
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const countyId = auth.user.countyId;
      const next = { ...before, ...defined(input) };
      await checkYear(tx, auth, next, id);
      await tx
        .updateTable('school_years')
        .set({
          ...defined({ name: input.name, start_date: input.startDate, end_date: input.endDate }),
          updated_at: new Date(),
        })
        .where('county_id', '=', countyId)
        .where('id', '=', id)
        .execute();
      if (input.isCurrent === true && !before.isCurrent) await makeYearCurrent(tx, countyId, id);
      if (input.isCurrent === false && before.isCurrent) {
        await tx
          .updateTable('terms')
          .set({ is_current: false, updated_at: new Date() })
          .where('county_id', '=', countyId)
          .where('school_year_id', '=', id)
          .where('is_current', '=', true)
          .execute();
        await setCurrent(tx, 'school_years', countyId, id, false);
      }
    },
    deleteAction: 'delete',
    async archive(tx, auth, id) {
      const year = await findSchoolYear(tx, auth.user.countyId, id);
      const refs = [
        ['terms', 'school_year_id'],
        ['classes', 'school_year_id'],
      ] as const;
      await deleteUnused(tx, auth, 'school_years', id, year?.is_current, refs, 'year_in_use');
    },
  });

  registerEntity<Term, TermCreate, TermUpdate>(app, {
    path: 'terms',
    entity: 'term',
    table: 'terms',
    item: Term,
    create: TermCreate,
    update: TermUpdate,
    filters: TermFilters.properties,
    mayList: orgPolicy.read,
    mayWrite: orgPolicy.manageCounty,
    async list(db, auth, params) {
      const p = params as typeof params & TermFilters;
      let q = termQuery(db, auth);
      if (p.schoolYearId) q = q.where('t.school_year_id', '=', p.schoolYearId);
      if (p.q) {
        const like = likePattern(String(p.q));
        q = q.where((eb) => eb.or([eb('t.name', 'ilike', like), eb('y.name', 'ilike', like)]));
      }
      return paginate(
        q,
        newestFirst(p),
        { name: 't.name', startDate: 't.start_date', schoolYearName: 'y.name' },
        'startDate',
        't.id',
      );
    },
    get: (db, auth, id) => termQuery(db, auth).where('t.id', '=', id).executeTakeFirst(),
    canWrite: (auth) => orgPolicy.manageCounty(auth),
    async insert(tx, auth, input) {
      const countyId = auth.user.countyId;
      const year = await checkTerm(tx, auth, input);
      const row = await tx
        .insertInto('terms')
        .values({
          county_id: countyId,
          school_year_id: input.schoolYearId,
          kind: input.kind,
          name: input.name?.trim() || defaultTermName(year.name, input.kind),
          start_date: input.startDate,
          end_date: input.endDate,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.isCurrent) await makeTermCurrent(tx, countyId, row.id, input.schoolYearId);
      return row.id;
    },
    async patch(tx, auth, id, input, before) {
      const countyId = auth.user.countyId;
      const next = { ...before, ...defined(input) };
      await checkTerm(tx, auth, next, id);
      await tx
        .updateTable('terms')
        .set({
          ...defined({
            school_year_id: input.schoolYearId,
            kind: input.kind,
            name: input.name?.trim() || undefined,
            start_date: input.startDate,
            end_date: input.endDate,
          }),
          updated_at: new Date(),
        })
        .where('county_id', '=', countyId)
        .where('id', '=', id)
        .execute();
      const stayCurrent = input.isCurrent ?? before.isCurrent;
      if (stayCurrent && (!before.isCurrent || next.schoolYearId !== before.schoolYearId)) {
        await makeTermCurrent(tx, countyId, id, next.schoolYearId);
      }
      if (input.isCurrent === false && before.isCurrent) await setCurrent(tx, 'terms', countyId, id, false);
    },
    deleteAction: 'delete',
    async archive(tx, auth, id) {
      const term = await findTerm(tx, auth.user.countyId, id);
      const refs = [
        ['teaching_assignments', 'term_id'],
        ['student_enrollments', 'term_id'],
      ] as const;
      await deleteUnused(tx, auth, 'terms', id, term?.is_current, refs, 'term_in_use');
    },
  });
}
