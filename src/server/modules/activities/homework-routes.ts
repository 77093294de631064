import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import {
  type ClassDayLoad,
  checkMinutes,
  classDayLoad,
  exceedingDays,
  type HomeworkCapRule,
  weekdayHeatmap,
} from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import { classVisible } from '../../platform/auth/scope-sql.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { ensureCountyDefaults } from './defaults.js';
import { invalid } from './messages.js';
import { activitiesPolicy, writesSchool } from './policy.js';
import { checkPastDate, DateText, IdParams, IdRef, Nullable, Ok, TAGS } from './shared.js';

/**
 * 作业总量: the written homework a class gets per subject and day (minutes declared by its teachers), against the
 * grade caps (data: activity_homework_caps, seeded 1–2 none, 3–6 ≤ 60, 7–9 ≤ 90). A class-day's total is over when
 * it exceeds its grade's cap (homework.ts); the heat map is per class and weekday, the alerts list is every class-day
 * over the cap, for the 年级组长 (classes of their grade) and the school. Declaring again for the same class, subject
 * and day replaces the minutes.
 */
const Item = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  classId: Type.Integer(),
  className: Type.String(),
  gradeLevel: Type.Integer(),
  subjectId: Type.Integer(),
  subjectName: Type.String(),
  hwDate: Type.String(),
  minutes: Type.Integer(),
  content: Nullable(Type.String()),
  teacherId: Nullable(Type.Integer()),
});
const Declare = Type.Object({
  classId: IdRef,
  subjectId: IdRef,
  hwDate: DateText,
  // The range is checked in the service, so the refusal says "0–600 分钟" rather than a schema message.
  minutes: Type.Integer(),
  content: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
const Window = Type.Object({
  from: DateText,
  to: DateText,
  schoolId: Type.Optional(IdRef),
  classId: Type.Optional(IdRef),
});
const Cap = Type.Object({
  id: Type.Integer(),
  gradeFrom: Type.Integer(),
  gradeTo: Type.Integer(),
  writtenAllowed: Type.Boolean(),
  capMinutes: Type.Integer(),
  citation: Nullable(Type.String()),
});

export async function capRules(db: Db, countyId: number): Promise<HomeworkCapRule[]> {
  await ensureCountyDefaults(db, countyId);
  const caps = await db.selectFrom('activity_homework_caps').selectAll().where('county_id', '=', countyId).execute();
  return caps.map((c) => ({
    grades: Array.from({ length: c.grade_to - c.grade_from + 1 }, (_, i) => c.grade_from + i),
    writtenAllowed: c.written_allowed,
    capMinutes: c.cap_minutes,
    citation: c.citation ?? '',
  }));
}

function rows(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_homework as h')
    .innerJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'h.county_id').onRef('c.id', '=', 'h.class_id'))
    .innerJoin('subjects as su', (j) => j.onRef('su.county_id', '=', 'h.county_id').onRef('su.id', '=', 'h.subject_id'))
    .select([
      'h.id',
      'h.school_id as schoolId',
      'h.class_id as classId',
      'c.name as className',
      'c.grade_level as gradeLevel',
      'h.subject_id as subjectId',
      'su.name as subjectName',
      'h.hw_date as hwDate',
      'h.minutes',
      'h.content',
      'h.teacher_id as teacherId',
    ])
    .where('h.county_id', '=', auth.user.countyId)
    .where(classVisible(auth.scope, { school: 'c.school_id', grade: 'c.grade_level', classId: 'c.id' }));
}

/** The class-day loads of a window (engine: classDayLoad), from the declared minutes the caller may see. */
export async function loadsOf(db: Db, auth: AuthContext, w: Static<typeof Window>) {
  let q = rows(db, auth).where('h.hw_date', '>=', w.from).where('h.hw_date', '<=', w.to);
  if (w.schoolId) q = q.where('h.school_id', '=', w.schoolId);
  if (w.classId) q = q.where('h.class_id', '=', w.classId);
  const items = await q.execute();
  const caps = await capRules(db, auth.user.countyId);
  const days = new Map<
    string,
    { classId: string; grade: number; date: string; name: string; items: { subject: string; minutes: number }[] }
  >();
  for (const r of items) {
    const key = `${r.classId}|${r.hwDate}`;
    const d = days.get(key) ?? {
      classId: String(r.classId),
      grade: r.gradeLevel,
      date: r.hwDate,
      name: r.className,
      items: [],
    };
    d.items.push({ subject: r.subjectName, minutes: r.minutes });
    days.set(key, d);
  }
  const names = new Map([...days.values()].map((d) => [d.classId, { name: d.name, grade: d.grade }]));
  const loads: ClassDayLoad[] = [...days.values()].map((d) => classDayLoad(d, caps));
  return { loads, names, items };
}

/** May declare homework for this class: its teachers and 班主任 (scope.classIds), its 年级组长, the school's managers. */
async function mayDeclare(db: Db, auth: AuthContext, classId: number) {
  const cls = await db
    .selectFrom('classes')
    .select(['id', 'school_id', 'grade_level'])
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', classId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!cls) throw invalid(auth, 'class_invalid');
  const ok =
    auth.scope.classIds.includes(cls.id) ||
    auth.scope.gradeScopes.some((g) => g.schoolId === cls.school_id && g.gradeLevel === cls.grade_level) ||
    writesSchool(auth, cls.school_id);
  if (!ok) throw invalid(auth, 'class_invalid');
  return cls;
}

export function homeworkRoutes(app: FastifyInstance) {
  app.get(
    '/homework',
    {
      config: { policy: activitiesPolicy.read },
      schema: { tags: TAGS, querystring: Window, response: { 200: Type.Object({ items: Type.Array(Item) }) } },
    },
    async (req) => {
      const auth = authOf(req);
      const w = req.query as Static<typeof Window>;
      let q = rows(app.db, auth).where('h.hw_date', '>=', w.from).where('h.hw_date', '<=', w.to);
      if (w.schoolId) q = q.where('h.school_id', '=', w.schoolId);
      if (w.classId) q = q.where('h.class_id', '=', w.classId);
      return { items: await q.orderBy('h.hw_date', 'desc').orderBy('c.name').limit(2000).execute() };
    },
  );

  app.post(
    '/homework',
    { config: { policy: activitiesPolicy.homework }, schema: { tags: TAGS, body: Declare, response: { 200: Item } } },
    async (req) => {
      const auth = authOf(req);
      const input = req.body as Static<typeof Declare>;
      const bad = checkMinutes(input.minutes);
      if (bad) throw invalid(auth, 'minutes_invalid', { minutes: input.minutes });
      checkPastDate(auth, '作业日期', input.hwDate);
      const cls = await mayDeclare(app.db, auth, input.classId);
      const id = await app.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('activity_homework')
          .values({
            county_id: auth.user.countyId,
            school_id: cls.school_id,
            class_id: cls.id,
            subject_id: input.subjectId,
            hw_date: input.hwDate,
            minutes: input.minutes,
            content: input.content ?? null,
            teacher_id: auth.user.staffId,
          })
          .onConflict((oc) =>
            oc.columns(['county_id', 'class_id', 'subject_id', 'hw_date']).doUpdateSet({
              minutes: input.minutes,
              content: input.content ?? null,
              teacher_id: auth.user.staffId,
              updated_at: new Date(),
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actorOf(req), {
          action: 'declare',
          entity: 'activity_homework',
          entityId: row.id,
          after: input,
        });
        return row.id;
      });
      return (await rows(app.db, auth).where('h.id', '=', id).executeTakeFirst())!;
    },
  );

  app.delete(
    '/homework/:id',
    { config: { policy: activitiesPolicy.homework }, schema: { tags: TAGS, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const before = await rows(app.db, auth).where('h.id', '=', id).executeTakeFirst();
      if (!before) throw notFound();
      if (before.teacherId !== auth.user.staffId && !writesSchool(auth, before.schoolId)) throw forbidden();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('activity_homework')
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), { action: 'delete', entity: 'activity_homework', entityId: id, before });
      });
      return { ok: true };
    },
  );

  app.get(
    '/homework/heatmap',
    {
      config: { policy: activitiesPolicy.read },
      schema: {
        tags: TAGS,
        querystring: Window,
        response: {
          200: Type.Object({
            cells: Type.Array(
              Type.Object({
                classId: Type.Integer(),
                className: Type.String(),
                gradeLevel: Type.Integer(),
                weekday: Type.Integer(),
                days: Type.Integer(),
                meanTotal: Type.Number(),
                daysOver: Type.Integer(),
                shareOver: Type.Number(),
                cap: Nullable(Type.Integer()),
              }),
            ),
            alerts: Type.Array(
              Type.Object({
                classId: Type.Integer(),
                className: Type.String(),
                gradeLevel: Type.Integer(),
                date: Type.String(),
                total: Type.Number(),
                cap: Type.Integer(),
                over: Type.Number(),
              }),
            ),
            classDays: Type.Integer(),
            daysOver: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { loads, names } = await loadsOf(app.db, auth, req.query as Static<typeof Window>);
      const capOf = new Map(loads.map((l) => [l.classId, l.cap]));
      const info = (id: string) => names.get(id) ?? { name: id, grade: 0 };
      return {
        cells: weekdayHeatmap(loads).map((c) => ({
          ...c,
          classId: Number(c.classId),
          className: info(c.classId).name,
          gradeLevel: info(c.classId).grade,
          cap: capOf.get(c.classId) ?? null,
        })),
        alerts: exceedingDays(loads)
          .slice(0, 500)
          .map((l) => ({
            classId: Number(l.classId),
            className: info(l.classId).name,
            gradeLevel: l.grade,
            date: l.date,
            total: l.total,
            cap: l.cap ?? 0,
            over: l.over,
          })),
        classDays: loads.length,
        daysOver: loads.filter((l) => l.exceeds).length,
      };
    },
  );

  app.get(
    '/homework/caps',
    { config: { policy: activitiesPolicy.read }, schema: { tags: TAGS, response: { 200: Type.Array(Cap) } } },
    async (req) => {
      const countyId = authOf(req).user.countyId;
      await ensureCountyDefaults(app.db, countyId);
      return app.db
        .selectFrom('activity_homework_caps')
        .select([
          'id',
          'grade_from as gradeFrom',
          'grade_to as gradeTo',
          'written_allowed as writtenAllowed',
          'cap_minutes as capMinutes',
          'citation',
        ])
        .where('county_id', '=', countyId)
        .orderBy('grade_from')
        .execute();
    },
  );

  app.patch(
    '/homework/caps/:id',
    {
      config: { policy: activitiesPolicy.manageRules },
      schema: {
        tags: TAGS,
        params: IdParams,
        body: Type.Object({ capMinutes: Type.Integer({ minimum: 0, maximum: 600 }) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const id = (req.params as { id: number }).id;
      const capMinutes = (req.body as { capMinutes: number }).capMinutes;
      const before = await app.db
        .selectFrom('activity_homework_caps')
        .selectAll()
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!before) throw notFound();
      await app.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('activity_homework_caps')
          .set({ cap_minutes: capMinutes, written_allowed: capMinutes > 0 })
          .where('county_id', '=', auth.user.countyId)
          .where('id', '=', id)
          .execute();
        await audit(tx, actorOf(req), {
          action: 'update',
          entity: 'activity_homework_caps',
          entityId: id,
          before: { capMinutes: before.cap_minutes },
          after: { capMinutes },
        });
      });
      return { ok: true };
    },
  );
}
