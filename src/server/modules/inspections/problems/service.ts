/**
 * The rectification ledger (问题整改台账) as a service every module calls. Surveys, complaints and plans raise their
 * problems with `raiseProblem`; everything after (order → answer → verify → 销号, objections, reopening) goes through
 * `applyProblemStep`, which runs the pure state machine (src/common/inspections/rectification.ts) and keeps its
 * result in insp_problems.state with a projection for lists. Every write is audited in the caller's transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  type Answer,
  applyEvent,
  checkAnswer,
  leafFailed,
  leafMax,
  leafPoints,
  leaves,
  newProblem,
  type Problem,
  type ProblemEvent,
} from '../../../../common/inspections/index.js';
import type { Database } from '../../../db/types.js';
import { type AuditActor, audit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { todayInChina } from '../../org/shared.js';
import { invalid } from '../messages.js';
import { rulesOf } from '../settings.js';

type Trx = Kysely<Database> | Transaction<Database>;

/** Where a problem came from: the module and its record (e.g. { module: 'surveys', ref: 'survey:12' }). */
export interface ProblemSourceRef {
  module: string;
  ref?: string;
}

export interface RaiseProblemInput {
  source: ProblemSourceRef;
  schoolId: number;
  category: string;
  /** One of the county's severities (settings: 重大 / 一般 / 轻微 by default). */
  severity: string;
  description: string;
  /** insp_files ids (uploaded through POST /inspections/files). */
  evidence?: number[];
  /** The criterion or record the problem came from; for inspection findings, the visit and leaf. */
  criterionRef?: { visitId?: number; code: string; title?: string; ratio?: number | null };
  /** 挂牌督办. */
  flagged?: boolean;
}

/**
 * Raises a problem (state 待下达) in the ledger and returns its id. The one entry point for every module:
 * `await raiseProblem(trx, actorOf(req), { source: { module: 'surveys', ref: 'survey:12' }, schoolId, category,
 * severity, description })`. Refuses an unknown severity or an empty source; audited as create insp_problem.
 */
export async function raiseProblem(trx: Trx, actor: AuditActor, input: RaiseProblemInput): Promise<number> {
  const rules = await rulesOf(trx as Kysely<Database>, actor.countyId);
  if (!input.source.module.trim()) throw invalid(null, 'source_invalid');
  if (!rules.severities.includes(input.severity)) {
    throw invalid(null, 'severity_invalid', { value: input.severity, list: rules.severities.join('、') });
  }
  const evidence = input.evidence ?? [];
  await checkEvidence(trx, actor.countyId, input.schoolId, evidence);
  const state = newProblem({
    id: '0',
    schoolId: String(input.schoolId),
    source: {
      kind: input.source.module,
      ref: input.source.ref,
      criterionCode: input.criterionRef?.code,
    },
    category: input.category,
    severity: input.severity,
    description: input.description,
    flagged: input.flagged,
  });
  const row = await trx
    .insertInto('insp_problems')
    .values({
      county_id: actor.countyId,
      school_id: input.schoolId,
      source_module: input.source.module,
      source_ref: input.source.ref ?? null,
      visit_id: input.criterionRef?.visitId ?? null,
      criterion_code: input.criterionRef?.code ?? null,
      criterion_title: input.criterionRef?.title ?? null,
      category: input.category,
      severity: input.severity,
      description: input.description,
      evidence: JSON.stringify(evidence),
      flagged: input.flagged ?? false,
      status: state.status,
      before_ratio: input.criterionRef?.ratio ?? null,
      state: JSON.stringify(state),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const withId = { ...state, id: String(row.id) };
  await trx
    .updateTable('insp_problems')
    .set({ state: JSON.stringify(withId) })
    .where('county_id', '=', actor.countyId)
    .where('id', '=', row.id)
    .execute();
  await audit(trx as Kysely<Database>, actor, {
    action: 'create',
    entity: 'insp_problem',
    entityId: row.id,
    after: { ...input },
    summary: `登记问题：${input.description.slice(0, 60)}`,
  });
  return row.id;
}

/** Evidence ids must be files uploaded for the same school. */
export async function checkEvidence(trx: Trx, countyId: number, schoolId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('insp_files')
    .select('id')
    .where('county_id', '=', countyId)
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .execute();
  const have = new Set(found.map((f) => f.id));
  const missing = ids.find((id) => !have.has(id));
  if (missing !== undefined) throw invalid(null, 'evidence_unknown', { id: missing });
}

/** A step on a problem, as the routes receive it (the engine event without `at`/`by`, plus what the ledger keeps). */
export type ProblemStep =
  | { type: 'order'; unit: string; person: string; deadline?: string; flagged?: boolean }
  | { type: 'object'; reason: string }
  | { type: 'decideObjection'; upheld: boolean; reason: string }
  | { type: 'respond'; report: string; evidence: number[] }
  | {
      type: 'verify';
      fixed: boolean;
      fullyFixed: boolean;
      publicSatisfied?: boolean;
      reason?: string;
      /** 回头看: the same criterion scored again. */
      rescore?: Answer;
    }
  | { type: 'reopen'; reason: string };

export interface ProblemRow {
  id: number;
  school_id: number;
  visit_id: number | null;
  criterion_code: string | null;
  state: Problem;
}

/** Loads a problem for change (row lock), or 404. */
export async function lockProblem(trx: Trx, countyId: number, id: number) {
  const row = await trx
    .selectFrom('insp_problems')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * Applies one step through the state machine and stores the result; `today` is the step's date (a parameter so
 * tests can move the clock). Refusals come back as 400 with the engine's message. 回头看 (verify with `rescore`)
 * scores the criterion again against the visit's template version and keeps before/after ratios; a re-score that
 * still fails the criterion cannot close the problem.
 */
export async function applyProblemStep(
  trx: Trx,
  actor: AuditActor,
  problemId: number,
  step: ProblemStep,
  today: string = todayInChina(),
): Promise<Problem> {
  const row = await lockProblem(trx, actor.countyId, problemId);
  const rules = await rulesOf(trx as Kysely<Database>, actor.countyId);
  const by = String(actor.userId);
  let event: ProblemEvent;
  let after: number | null = null;
  switch (step.type) {
    case 'order':
      if (step.deadline !== undefined && step.deadline < today) {
        throw invalid(null, 'deadline_past', { date: step.deadline });
      }
      event = { type: 'order', at: today, by, unit: step.unit, person: step.person, deadline: step.deadline };
      break;
    case 'respond':
      await checkEvidence(trx, actor.countyId, row.school_id, step.evidence);
      event = { type: 'respond', at: today, by, report: step.report, evidence: step.evidence.map(String) };
      break;
    case 'verify': {
      if (step.rescore) {
        const r = await rescore(trx, actor.countyId, row, step.rescore);
        after = r.ratio;
        if (r.failed && step.fixed && step.fullyFixed) {
          throw invalid(null, 'problem_transition', { detail: '回头看评分仍未达标，不能销号' });
        }
      }
      event = { ...step, at: today, by };
      break;
    }
    default:
      event = { ...step, at: today, by } as ProblemEvent;
  }
  const t = applyEvent(row.state, event, rules.rectification);
  if (!t.ok) throw invalid(null, 'problem_transition', { detail: t.error });
  // 挂牌督办 may be set when the order is given (serious problems).
  const p = step.type === 'order' && step.flagged !== undefined ? { ...t.problem, flagged: step.flagged } : t.problem;
  await trx
    .updateTable('insp_problems')
    .set({
      state: JSON.stringify(p),
      status: p.status,
      ordered_on: p.orderedAt,
      deadline: p.deadline,
      closed_on: p.status === 'closed' ? today : null,
      flagged: p.flagged,
      ...(after !== null ? { after_ratio: after } : {}),
      // A new deadline (reopen, reset on rejection) starts the reminders again.
      ...(p.deadline !== row.deadline ? { escalation: 0 } : {}),
      updated_at: new Date(),
    })
    .where('county_id', '=', actor.countyId)
    .where('id', '=', problemId)
    .execute();
  const note = 'reason' in step ? step.reason : 'report' in step ? step.report : null;
  await trx
    .insertInto('insp_problem_steps')
    .values({
      county_id: actor.countyId,
      problem_id: problemId,
      type: step.type,
      on_date: today,
      user_id: actor.userId,
      note: note ?? null,
      evidence: JSON.stringify(step.type === 'respond' ? step.evidence : []),
      detail: JSON.stringify({
        ...step,
        ...(after !== null ? { beforeRatio: row.before_ratio, afterRatio: after } : {}),
      }),
    })
    .execute();
  await audit(trx as Kysely<Database>, actor, {
    action: step.type,
    entity: 'insp_problem',
    entityId: problemId,
    before: { status: row.status, deadline: row.deadline },
    after: { status: p.status, deadline: p.deadline, ...(note ? { note } : {}) },
    summary: `问题 ${problemId}：${row.status} → ${p.status}`,
  });
  return p;
}

/** Scores one answer against the problem's criterion in the visit's template version (回头看). */
async function rescore(
  trx: Trx,
  countyId: number,
  row: { visit_id: number | null; criterion_code: string | null },
  answer: Answer,
): Promise<{ ratio: number; failed: boolean }> {
  if (row.visit_id === null || row.criterion_code === null) {
    throw invalid(null, 'rescore_invalid', { detail: '该问题不是由督导评分产生，没有可重新评分的指标' });
  }
  const t = await trx
    .selectFrom('insp_visits as v')
    .innerJoin('insp_plans as p', (j) => j.onRef('p.county_id', '=', 'v.county_id').onRef('p.id', '=', 'v.plan_id'))
    .innerJoin('insp_templates as t', (j) =>
      j.onRef('t.county_id', '=', 'p.county_id').onRef('t.id', '=', 'p.template_id'),
    )
    .select('t.body')
    .where('v.county_id', '=', countyId)
    .where('v.id', '=', row.visit_id)
    .executeTakeFirstOrThrow();
  const leaf = leaves(t.body.criteria).find((c) => c.code === row.criterion_code);
  if (!leaf?.scoring || leaf.scoring.kind === 'text') {
    throw invalid(null, 'rescore_invalid', { detail: `指标「${row.criterion_code}」不能计分` });
  }
  const check = checkAnswer(leaf.scoring, answer);
  if (check.error || !check.answered) throw invalid(null, 'rescore_invalid', { detail: check.error ?? '未评分' });
  const points = leafPoints(leaf.scoring, answer)!;
  return {
    ratio: Number((points / leafMax(leaf.scoring)).toPrecision(12)),
    failed: leafFailed(leaf.scoring, answer),
  };
}

/** Edits the descriptive fields of a problem that is not closed (a closed one is only reopened, with a reason). */
export async function editProblem(
  trx: Trx,
  actor: AuditActor,
  problemId: number,
  patch: { category?: string; severity?: string; description?: string; flagged?: boolean },
): Promise<void> {
  const row = await lockProblem(trx, actor.countyId, problemId);
  if (row.status === 'closed') throw invalid(null, 'problem_closed_edit');
  const rules = await rulesOf(trx as Kysely<Database>, actor.countyId);
  if (patch.severity !== undefined && !rules.severities.includes(patch.severity)) {
    throw invalid(null, 'severity_invalid', { value: patch.severity, list: rules.severities.join('、') });
  }
  const state: Problem = { ...row.state, ...patch };
  const before = { category: row.category, severity: row.severity, description: row.description, flagged: row.flagged };
  await trx
    .updateTable('insp_problems')
    .set({ ...patch, state: JSON.stringify(state), updated_at: new Date() })
    .where('county_id', '=', actor.countyId)
    .where('id', '=', problemId)
    .execute();
  await audit(trx as Kysely<Database>, actor, {
    action: 'update',
    entity: 'insp_problem',
    entityId: problemId,
    before,
    after: { ...before, ...patch },
  });
}
