import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import {
  adjacentAgreement,
  bulkEntries,
  exactAgreement,
  LATE_ENTRY_DAYS,
  lateEntries,
  observerSeverity,
  type RatingPair,
  weightedKappa,
} from '../../../common/activities/index.js';
import { authOf } from '../../platform/http.js';
import { activitiesPolicy } from './policy.js';
import { DateText, IdRef, Nullable, recordVisible, TAGS } from './shared.js';

/**
 * Observation quality over a window (a term by default from the caller): when two observers scored the same lesson
 * (same teacher, day and 节次, same rubric) — per observer pair, the criterion levels of their shared lessons as
 * rating pairs: exact and adjacent agreement and Cohen's linearly weighted kappa (agreement.ts); each observer's
 * mean offset of their lesson score from the others' (severity); and entries made more than 10 days after the
 * lesson or in a burst (≥5 within 10 minutes). Only observations the caller may see are used.
 */
const Query = Type.Object({ from: DateText, to: DateText, schoolId: Type.Optional(IdRef) });
const Answer = Type.Object({
  pairs: Type.Array(
    Type.Object({
      observerA: Type.Integer(),
      observerAName: Type.String(),
      observerB: Type.Integer(),
      observerBName: Type.String(),
      lessons: Type.Integer(),
      ratings: Type.Integer(),
      exact: Nullable(Type.Number()),
      adjacent: Nullable(Type.Number()),
      kappa: Nullable(Type.Number()),
    }),
  ),
  severity: Type.Array(
    Type.Object({
      observerId: Type.Integer(),
      name: Type.String(),
      lessons: Type.Integer(),
      meanOffset: Type.Number(),
    }),
  ),
  flags: Type.Array(
    Type.Object({
      id: Type.Integer(),
      observerName: Type.String(),
      teacherName: Type.String(),
      lessonDate: Type.String(),
      enteredAt: Type.String(),
      late: Type.Boolean(),
      bulk: Type.Boolean(),
    }),
  ),
  lateDays: Type.Integer(),
});

export function qualityRoutes(app: FastifyInstance) {
  app.get(
    '/quality',
    {
      config: { policy: activitiesPolicy.read },
      schema: { tags: TAGS, querystring: Query, response: { 200: Answer } },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query as Static<typeof Query>;
      let query = app.db
        .selectFrom('activity_observations as o')
        .innerJoin('staff as ob', (j) =>
          j.onRef('ob.county_id', '=', 'o.county_id').onRef('ob.id', '=', 'o.observer_id'),
        )
        .innerJoin('staff as te', (j) =>
          j.onRef('te.county_id', '=', 'o.county_id').onRef('te.id', '=', 'o.teacher_id'),
        )
        .innerJoin('activity_rubrics as r', (j) =>
          j.onRef('r.county_id', '=', 'o.county_id').onRef('r.id', '=', 'o.rubric_id'),
        )
        .select([
          'o.id',
          'o.observer_id',
          'ob.name as observer_name',
          'o.teacher_id',
          'te.name as teacher_name',
          'o.lesson_date',
          'o.period',
          'o.rubric_id',
          'r.levels',
          'o.scores',
          'o.score',
          sql<string>`to_char(o.entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('entered_at'),
        ])
        .where('o.county_id', '=', auth.user.countyId)
        .where('o.archived_at', 'is', null)
        .where('o.lesson_date', '>=', q.from)
        .where('o.lesson_date', '<=', q.to)
        .where(recordVisible(auth, 'o.school_id', ['o.observer_id', 'o.teacher_id']));
      if (q.schoolId) query = query.where('o.school_id', '=', q.schoolId);
      const rows = await query.execute();
      const names = new Map(rows.map((r) => [r.observer_id, r.observer_name]));

      // Lessons = (teacher, day, 节次, rubric); pairs of observers on the same lesson, criterion by criterion.
      const lessons = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = `${r.teacher_id}|${r.lesson_date}|${r.period}|${r.rubric_id}`;
        lessons.set(key, [...(lessons.get(key) ?? []), r]);
      }
      const byPair = new Map<string, { a: number; b: number; k: number; lessons: number; ratings: RatingPair[] }>();
      for (const list of lessons.values()) {
        for (let i = 0; i < list.length; i++)
          for (let j = i + 1; j < list.length; j++) {
            const [x, y] = list[i].observer_id < list[j].observer_id ? [list[i], list[j]] : [list[j], list[i]];
            const key = `${x.observer_id}|${y.observer_id}|${x.levels}`;
            const p = byPair.get(key) ?? { a: x.observer_id, b: y.observer_id, k: x.levels, lessons: 0, ratings: [] };
            p.lessons++;
            for (const c of Object.keys(x.scores))
              if (y.scores[c] !== undefined) p.ratings.push([x.scores[c], y.scores[c]]);
            byPair.set(key, p);
          }
      }
      const pairs = [...byPair.values()].map((p) => ({
        observerA: p.a,
        observerAName: names.get(p.a) ?? '',
        observerB: p.b,
        observerBName: names.get(p.b) ?? '',
        lessons: p.lessons,
        ratings: p.ratings.length,
        exact: exactAgreement(p.ratings),
        adjacent: adjacentAgreement(p.ratings),
        kappa: weightedKappa(p.ratings, p.k, 'linear'),
      }));
      const severity = observerSeverity(
        rows.map((r) => ({
          lessonId: `${r.teacher_id}|${r.lesson_date}|${r.period}|${r.rubric_id}`,
          observerId: String(r.observer_id),
          score: r.score,
        })),
      ).map((s) => ({ ...s, observerId: Number(s.observerId), name: names.get(Number(s.observerId)) ?? '' }));
      const entries = rows.map((r) => ({
        id: String(r.id),
        observerId: String(r.observer_id),
        lessonDate: r.lesson_date,
        enteredAt: r.entered_at,
      }));
      const late = new Set(lateEntries(entries).map((e) => e.id));
      const bulk = new Set(bulkEntries(entries));
      const flags = rows
        .filter((r) => late.has(String(r.id)) || bulk.has(String(r.id)))
        .map((r) => ({
          id: r.id,
          observerName: r.observer_name,
          teacherName: r.teacher_name,
          lessonDate: r.lesson_date,
          enteredAt: r.entered_at,
          late: late.has(String(r.id)),
          bulk: bulk.has(String(r.id)),
        }))
        .slice(0, 500);
      return { pairs, severity, flags, lateDays: LATE_ENTRY_DAYS };
    },
  );
}
