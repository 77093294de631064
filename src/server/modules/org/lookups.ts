import type { Db } from '../../db/pool.js';

/**
 * Single-row reads the registry's validations share. Each is by primary key (county_id, id); `undefined`
 * means "no such row in this county".
 */

export function findSchool(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('schools')
    .select(['id', 'name', 'type', 'region_id', 'archived_at'])
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A class with its school year's flag: students are placed only in classes of the current school year. */
export function findClass(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('classes as c')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'c.county_id').onRef('s.id', '=', 'c.school_id'))
    .select([
      'c.id',
      'c.name',
      'c.school_id',
      'c.school_year_id',
      'c.grade_level',
      'c.class_no',
      'c.head_teacher_id',
      'c.archived_at',
      'y.is_current as current_year',
      's.name as school_name',
    ])
    .where('c.county_id', '=', countyId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function findStaff(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'school_id', 'archived_at'])
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSchoolYear(db: Db, countyId: number, id: number) {
  return db
    .selectFrom('school_years')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTerm(db: Db, countyId: number, id: number) {
  return db.selectFrom('terms').selectAll().where('county_id', '=', countyId).where('id', '=', id).executeTakeFirst();
}

/** The county's current term (at most one: a partial unique index). */
export function currentTerm(db: Db, countyId: number) {
  return db
    .selectFrom('terms')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
}

/**
 * Where a placement made on `date` in a class of `schoolYearId` belongs: the year's term containing the date,
 * else the current term (e.g. a date in the holidays between terms).
 */
export async function termOfDate(db: Db, countyId: number, date: string, schoolYearId: number) {
  const containing = await db
    .selectFrom('terms')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('school_year_id', '=', schoolYearId)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .executeTakeFirst();
  return containing ?? currentTerm(db, countyId);
}
