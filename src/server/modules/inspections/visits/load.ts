import type { Template } from '../../../../common/inspections/index.js';
import type { Db } from '../../../db/pool.js';
import type { AuthContext } from '../../../platform/auth/types.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { todayInChina } from '../../org/shared.js';
import { answersFor, bureauSees } from '../access.js';
import type { VisitKind } from '../tables.js';
import { type TemplateRow, templateOf } from '../templates/store.js';

export interface VisitContext {
  visit: {
    id: number;
    planId: number;
    schoolId: number;
    status: 'planned' | 'scored' | 'published';
    total: number | null;
    grade: string | null;
    vetoed: boolean;
    publishedAt: Date | null;
    objectionUntil: string | null;
  };
  plan: {
    id: number;
    title: string;
    kind: VisitKind;
    startsOn: string;
    endsOn: string;
    unannounced: boolean;
    inspectorIds: number[];
  };
  school: { id: number; name: string; type: string };
  templateRow: TemplateRow;
  template: Template;
  /** The caller is on the bureau side for this school (else the school side). */
  bureau: boolean;
}

/**
 * Whether the school side may see a visit yet: "四不两直" (unannounced) visits stay hidden from the school until
 * their first day.
 */
export function schoolMaySee(plan: { unannounced: boolean; startsOn: string }, today: string): boolean {
  return !plan.unannounced || plan.startsOn <= today;
}

/** A visit the caller sees, with its plan, school and template version; 404 when not visible. */
export async function loadVisit(db: Db, auth: AuthContext, id: number, today = todayInChina()): Promise<VisitContext> {
  const countyId = auth.user.countyId;
  const row = await db
    .selectFrom('insp_visits as v')
    .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'v.county_id').onRef('s.id', '=', 'v.school_id'))
    .innerJoin('insp_templates as t', (j) =>
      j.onRef('t.county_id', '=', 'p.county_id').onRef('t.id', '=', 'p.template_id'),
    )
    .select([
      'v.id',
      'v.plan_id',
      'v.school_id',
      'v.status',
      'v.total',
      'v.grade',
      'v.vetoed',
      'v.published_at',
      'v.objection_until',
      'p.title as plan_title',
      'p.kind',
      'p.starts_on',
      'p.ends_on',
      'p.unannounced',
      's.name as school_name',
      's.type as school_type',
      't.id as t_id',
      't.family_id',
      't.version',
      't.status as t_status',
      't.category',
      't.title as t_title',
      't.body',
    ])
    .where('v.county_id', '=', countyId)
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const bureau = bureauSees(auth, row.school_id);
  if (!bureau && !answersFor(auth, row.school_id)) throw forbidden();
  if (!bureau && !schoolMaySee({ unannounced: row.unannounced, startsOn: row.starts_on }, today)) throw notFound();
  const inspectors = await db
    .selectFrom('insp_plan_inspectors')
    .select('user_id')
    .where('county_id', '=', countyId)
    .where('plan_id', '=', row.plan_id)
    .execute();
  const templateRow: TemplateRow = {
    id: row.t_id,
    family_id: row.family_id,
    version: row.version,
    status: row.t_status,
    category: row.category,
    title: row.t_title,
    body: row.body,
  };
  return {
    visit: {
      id: row.id,
      planId: row.plan_id,
      schoolId: row.school_id,
      status: row.status,
      total: row.total,
      grade: row.grade,
      vetoed: row.vetoed,
      publishedAt: row.published_at,
      objectionUntil: row.objection_until,
    },
    plan: {
      id: row.plan_id,
      title: row.plan_title,
      kind: row.kind,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      unannounced: row.unannounced,
      inspectorIds: inspectors.map((i) => i.user_id),
    },
    school: { id: row.school_id, name: row.school_name, type: row.school_type },
    templateRow,
    template: templateOf(templateRow),
    bureau,
  };
}
