import { sql } from 'kysely';
import type { GradeBand, Template } from '../../../../common/inspections/index.js';
import type { Db } from '../../../db/pool.js';
import { notFound } from '../../../platform/errors.js';
import type { TemplateBody } from '../tables.js';

/**
 * JSON has no -Infinity: the lowest grade band (which catches every total) is stored with min null and read back
 * as -Infinity.
 */
export function storedBody(body: TemplateBody): string {
  return JSON.stringify({
    ...body,
    grades: body.grades.map((g) => ({ label: g.label, min: Number.isFinite(g.min) ? g.min : null })),
  });
}

export function loadedGrades(grades: { label: string; min: number | null }[]): GradeBand[] {
  return grades.map((g) => ({ label: g.label, min: g.min === null ? Number.NEGATIVE_INFINITY : g.min }));
}

export interface TemplateRow {
  id: number;
  family_id: number;
  version: number;
  status: 'draft' | 'published';
  category: string;
  title: string;
  body: TemplateBody;
}

/** The engine's Template of a stored version. */
export function templateOf(row: TemplateRow): Template {
  return {
    ...row.body,
    grades: loadedGrades(row.body.grades as { label: string; min: number | null }[]),
    id: String(row.family_id),
    version: row.version,
    status: row.status,
  };
}

export async function loadTemplateRow(db: Db, countyId: number, id: number): Promise<TemplateRow> {
  const row = await db
    .selectFrom('insp_templates')
    .select(['id', 'family_id', 'version', 'status', 'category', 'title', 'body'])
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Inserts a draft: version 1 of a new family, or the next version of `familyId`. */
export async function createDraft(
  trx: Db,
  countyId: number,
  userId: number | null,
  category: string,
  body: TemplateBody,
  familyId: number | null,
): Promise<number> {
  const next =
    familyId === null
      ? 1
      : ((
          await trx
            .selectFrom('insp_templates')
            .select((eb) => eb.fn.max('version').as('v'))
            .where('county_id', '=', countyId)
            .where('family_id', '=', familyId)
            .executeTakeFirst()
        )?.v ?? 0) + 1;
  // The first version's id names the family: take it from the identity sequence before inserting.
  const id =
    familyId === null
      ? (
          await sql<{
            id: number;
          }>`SELECT nextval(pg_get_serial_sequence('insp_templates', 'id'))::bigint AS id`.execute(trx)
        ).rows[0].id
      : undefined;
  const row = await trx
    .insertInto('insp_templates')
    .values({
      county_id: countyId,
      ...(id !== undefined ? { id } : {}),
      family_id: familyId ?? id!,
      version: next,
      status: 'draft',
      category,
      title: body.title,
      body: storedBody(body),
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
