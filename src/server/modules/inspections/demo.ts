import path from 'node:path';
import { DEMO_SCHOOL_NAME } from '../../../../scripts/demo/county.js';
import {
  type Answers,
  CALENDAR_DAYS,
  type Criterion,
  leaves,
  scoreSheet,
  type Template,
} from '../../../common/inspections/index.js';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/pool.js';
import type { AuditActor } from '../../platform/audit.js';
import { FileStore } from '../../platform/files.js';
import { todayInChina } from '../org/shared.js';
import { applyProblemStep, raiseProblem } from './problems/service.js';
import { DEFAULT_INSPECTION_RULES } from './settings.js';
import { ensureLibrary } from './templates/seed.js';
import { templateOf } from './templates/store.js';
import { visitResult } from './visits/result.js';

/** A small deterministic generator (mulberry32) so the demo is the same on every start. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers for every leaf; `quality` (0..1) shifts the school's level; notes on failures. */
function answersFor(t: Template, quality: number, rand: () => number): Answers {
  const out: Answers = {};
  for (const c of leaves(t.criteria) as Criterion[]) {
    const s = c.scoring!;
    const q = Math.min(1, Math.max(0, quality + (rand() - 0.5) * 0.4));
    if (s.kind === 'points') out[c.code] = { points: Math.round(s.max * (0.5 + q * 0.5) * 2) / 2 };
    else if (s.kind === 'passFail')
      out[c.code] = q > 0.3 || c.veto ? { pass: true } : { pass: false, note: '现场检查未达标' };
    else if (s.kind === 'levels')
      out[c.code] = { level: s.levels[Math.min(s.levels.length - 1, Math.floor((1 - q) * s.levels.length))].code };
    else if (s.kind === 'threshold')
      out[c.code] = { value: s.direction === 'atMost' ? s.threshold - 1 : s.threshold + 1 };
    else out[c.code] = { text: q > 0.6 ? '整体规范，亮点突出' : '部分环节需要加强' };
  }
  return out;
}

/**
 * The inspections module's records in the demo county (deterministic), loaded after the registry: the template
 * library; the 责任督学's zone (their 5 schools, ≥1 visit a month); three months of routine visits (published, one
 * missed this month so the compliance view has someone behind); a 教学视导 round with two inspectors (spread,
 * ranking and radar); an upcoming 四不两直 safety check; problems in every state, some overdue, flagged or recurring,
 * including the demo school's (城关第一小学) for the principal.
 */
export async function seedInspectionsDemo(db: Db, countyId: number): Promise<void> {
  await ensureLibrary(db, countyId);
  const users = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('county_id', '=', countyId)
    .where('username', 'in', ['inspector', 'researcher'])
    .execute();
  const inspector = users.find((u) => u.username === 'inspector');
  const researcher = users.find((u) => u.username === 'researcher');
  if (!inspector) return;
  const zoneSchools = (
    await db
      .selectFrom('user_roles')
      .select('school_id')
      .where('county_id', '=', countyId)
      .where('user_id', '=', inspector.id)
      .where('role', '=', 'inspector')
      .where('school_id', 'is not', null)
      .orderBy('school_id')
      .execute()
  ).map((r) => r.school_id!);
  const demoSchool = await db
    .selectFrom('schools')
    .select(['id', 'type'])
    .where('county_id', '=', countyId)
    .where('name', '=', DEMO_SCHOOL_NAME)
    .executeTakeFirst();
  const schools = await db
    .selectFrom('schools')
    .select(['id', 'type'])
    .where('county_id', '=', countyId)
    .where('id', 'in', [0, ...zoneSchools, ...(demoSchool ? [demoSchool.id] : [])])
    .execute();
  const typeOf = new Map(schools.map((s) => [s.id, s.type]));
  const allSchools = [...new Set([...zoneSchools, ...(demoSchool ? [demoSchool.id] : [])])];
  const today = todayInChina();
  const day = (n: number) => CALENDAR_DAYS.addDays(today, n);
  const rand = rng(20260901);
  const quality = new Map(allSchools.map((id, i) => [id, [0.85, 0.55, 0.7, 0.35, 0.9, 0.6][i % 6]]));
  if (demoSchool) quality.set(demoSchool.id, 0.4); // the principal's school has things to fix

  const zone = await db
    .insertInto('insp_zones')
    .values({ county_id: countyId, name: '第一督导责任区', inspector_id: inspector.id, min_visits: 1, period: 'month' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (zoneSchools.length) {
    await db
      .insertInto('insp_zone_schools')
      .values(zoneSchools.map((school_id) => ({ county_id: countyId, zone_id: zone.id, school_id })))
      .execute();
  }

  const templates = await db
    .selectFrom('insp_templates')
    .select(['id', 'family_id', 'version', 'status', 'category', 'title', 'body'])
    .where('county_id', '=', countyId)
    .execute();
  const byTitle = (prefix: string) => templates.find((t) => t.title.startsWith(prefix))!;
  const routineT = byTitle('责任督学经常性督导');
  const observeT = byTitle('课堂观察');
  const safetyT = byTitle('校园安全');

  /** A plan with its visits; sheets submitted (and published) when `scored`. */
  const plan = async (
    title: string,
    kind: 'routine' | 'teaching' | 'special',
    t: typeof routineT,
    startsOn: string,
    schoolIds: number[],
    inspectorIds: number[],
    opts: { scored: boolean; published: boolean; unannounced?: boolean },
  ) => {
    const p = await db
      .insertInto('insp_plans')
      .values({
        county_id: countyId,
        title,
        kind,
        template_id: t.id,
        starts_on: startsOn,
        ends_on: CALENDAR_DAYS.addDays(startsOn, 2),
        unannounced: opts.unannounced ?? false,
        created_by: inspector.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('insp_plan_inspectors')
      .values(inspectorIds.map((user_id) => ({ county_id: countyId, plan_id: p.id, user_id })))
      .execute();
    const template = templateOf(t);
    const visits: { id: number; schoolId: number }[] = [];
    for (const schoolId of schoolIds) {
      const v = await db
        .insertInto('insp_visits')
        .values({ county_id: countyId, plan_id: p.id, school_id: schoolId })
        .returning('id')
        .executeTakeFirstOrThrow();
      visits.push({ id: v.id, schoolId });
      if (!opts.scored) continue;
      const sheets = inspectorIds.map((user_id) => {
        const answers = answersFor(template, quality.get(schoolId) ?? 0.6, rand);
        const r = scoreSheet(template, answers, typeOf.get(schoolId));
        return { user_id, answers, r };
      });
      await db
        .insertInto('insp_sheets')
        .values(
          sheets.map((s) => ({
            county_id: countyId,
            visit_id: v.id,
            user_id: s.user_id,
            answers: JSON.stringify(s.answers),
            status: 'submitted' as const,
            revision: 1,
            total: s.r.total,
            grade: s.r.grade,
            submitted_at: new Date(`${startsOn}T10:00:00+08:00`),
          })),
        )
        .execute();
      const rules = DEFAULT_INSPECTION_RULES;
      const res = visitResult(
        template,
        sheets.map((s) => s.answers),
        null,
        typeOf.get(schoolId),
        rules.spread,
        rules.lowRatio,
      );
      await db
        .updateTable('insp_visits')
        .set({
          status: opts.published ? 'published' : 'scored',
          total: res.total,
          grade: res.grade,
          vetoed: res.vetoed,
          published_at: opts.published ? new Date(`${CALENDAR_DAYS.addDays(startsOn, 3)}T09:00:00+08:00`) : null,
          objection_until: opts.published ? CALENDAR_DAYS.addDays(startsOn, 18) : null,
        })
        .where('county_id', '=', countyId)
        .where('id', '=', v.id)
        .execute();
    }
    return { planId: p.id, visits, template };
  };

  // Three months of routine visits by the zone inspector; this month one school still waits (behind).
  const roundInspectors = [inspector.id];
  const rounds = [];
  for (const [i, offset] of [-75, -45, -12].entries()) {
    // The demo school (the principal's) joins the first two rounds, so the school side has problems to answer.
    const schoolIds =
      i === 2
        ? zoneSchools.slice(0, Math.max(0, zoneSchools.length - 1))
        : [...zoneSchools, ...(demoSchool && !zoneSchools.includes(demoSchool.id) ? [demoSchool.id] : [])];
    rounds.push(
      await plan(`责任督学经常性督导（第${i + 1}轮）`, 'routine', routineT, day(offset), schoolIds, roundInspectors, {
        scored: true,
        published: true,
      }),
    );
  }
  const viewers = [inspector.id, ...(researcher ? [researcher.id] : [])];
  await plan('城关学区课堂教学视导', 'teaching', observeT, day(-30), allSchools, viewers, {
    scored: true,
    published: true,
  });
  await plan('春季开学安全隐患排查（四不两直）', 'special', safetyT, day(3), allSchools, [inspector.id], {
    scored: false,
    published: false,
    unannounced: true,
  });
  await plan(
    '责任督学经常性督导（本月）',
    'routine',
    routineT,
    today,
    demoSchool ? [demoSchool.id] : [],
    [inspector.id],
    {
      scored: false,
      published: false,
    },
  );

  // One small photo stands for the schools' evidence (a rectification report must carry some).
  const store = new FileStore(path.join(loadConfig().dataDir, 'uploads'));
  const photo = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGOoWHACK2IYSAkAURxaAYQJg/UAAAAASUVORK5CYII=',
    'base64',
  );
  const hash = await store.put(photo);
  const evidenceOf = new Map<number, number>();
  for (const schoolId of allSchools) {
    const f = await db
      .insertInto('insp_files')
      .values({
        county_id: countyId,
        school_id: schoolId,
        hash,
        name: '整改照片.png',
        mime: 'image/png',
        size: photo.length,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    evidenceOf.set(schoolId, f.id);
  }

  // Problems from the routine rounds' failed criteria, taken through the ledger on their own dates.
  const actor: AuditActor = { countyId, userId: inspector.id, username: 'inspector' };
  const schoolActor = async (schoolId: number): Promise<AuditActor> => {
    const head = await db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', (j) => j.onRef('u.county_id', '=', 'r.county_id').onRef('u.id', '=', 'r.user_id'))
      .select(['u.id', 'u.username'])
      .where('r.county_id', '=', countyId)
      .where('r.school_id', '=', schoolId)
      .where('r.role', 'in', ['school_admin', 'school_director'])
      .orderBy('u.id')
      .executeTakeFirst();
    return { countyId, userId: head?.id ?? null, username: head?.username ?? '学校' };
  };
  let n = 0;
  for (const [ri, round] of rounds.entries()) {
    const start = [-75, -45, -12][ri];
    for (const v of round.visits) {
      const sheet = await db
        .selectFrom('insp_sheets')
        .select('answers')
        .where('county_id', '=', countyId)
        .where('visit_id', '=', v.id)
        .executeTakeFirstOrThrow();
      const failed = leaves(round.template.criteria).filter((c) => sheet.answers[c.code]?.pass === false);
      for (const c of failed.slice(0, 2)) {
        n++;
        const raisedOn = day(start + 3);
        const id = await raiseProblem(db, actor, {
          source: { module: 'inspections', ref: `visit:${v.id}` },
          schoolId: v.schoolId,
          category: '规范办学',
          severity: n % 5 === 0 ? '重大' : '一般',
          description: `${c.title}：${sheet.answers[c.code]?.note ?? '未达标'}`,
          criterionRef: { visitId: v.id, code: c.code, title: c.title, ratio: 0 },
          flagged: n % 5 === 0,
        });
        await db
          .updateTable('insp_problems')
          .set({ created_at: new Date(`${raisedOn}T10:00:00+08:00`) })
          .where('county_id', '=', countyId)
          .where('id', '=', id)
          .execute();
        if (ri === 2 && n % 2 === 0) continue; // still 待下达
        await applyProblemStep(db, actor, id, { type: 'order', unit: '学校办公室', person: '分管副校长' }, raisedOn);
        const school = await schoolActor(v.schoolId);
        // Oldest round: mostly closed after one rejection; middle round: reported or overdue; newest: in progress.
        if (ri === 0 && n % 3 !== 0) {
          await applyProblemStep(
            db,
            school,
            id,
            { type: 'respond', report: '已制定整改方案并落实', evidence: [evidenceOf.get(v.schoolId)!] },
            day(start + 15),
          );
          await applyProblemStep(
            db,
            actor,
            id,
            { type: 'verify', fixed: true, fullyFixed: false, reason: '整改不彻底，需补充制度文件' },
            day(start + 18),
          );
          await applyProblemStep(
            db,
            school,
            id,
            { type: 'respond', report: '已补充制度文件并组织学习', evidence: [evidenceOf.get(v.schoolId)!] },
            day(start + 25),
          );
          await applyProblemStep(
            db,
            actor,
            id,
            { type: 'verify', fixed: true, fullyFixed: true, rescore: { pass: true } },
            day(start + 28),
          );
        } else if (ri === 1 && n % 2 === 0) {
          await applyProblemStep(
            db,
            school,
            id,
            { type: 'respond', report: '已整改，附说明', evidence: [evidenceOf.get(v.schoolId)!] },
            day(start + 20),
          );
        }
      }
    }
  }
}
