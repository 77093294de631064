import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import {
  columns,
  type DateFilterParams,
  DateFilters,
  mustWriteSchool,
  page,
  staffOf,
  subjectExists,
} from './checks.js';
import { invalid } from './messages.js';
import { activitiesPolicy, writesSchool } from './policy.js';
import { registerRecord } from './record-routes.js';
import { DateText, IdRef, Nullable, recordVisible } from './shared.js';

/**
 * 公开课 (研究课/示范课/观摩课/汇报课): scheduled ahead (a future date is allowed here, unlike an observation), with
 * topic, host, participants and materials; observations of it link to it (observationCount). Counted for quotas
 * only once held (date ≤ today). Written by the school's managers, 教研组长/年级组长, or the host.
 */
export const OPEN_LESSON_KINDS = ['研究课', '示范课', '观摩课', '汇报课'] as const;
export const LEVELS = ['校级', '学区级', '县级', '市级', '省级', '国家级'] as const;

const Item = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  hostStaffId: Type.Integer(),
  hostName: Type.String(),
  subjectId: Type.Integer(),
  subjectName: Type.String(),
  classId: Nullable(Type.Integer()),
  kind: Type.String(),
  level: Type.String(),
  topic: Type.String(),
  lessonDate: Type.String(),
  period: Nullable(Type.Integer()),
  participants: Nullable(Type.String()),
  materials: Nullable(Type.String()),
  observationCount: Type.Integer(),
});
type Item = Static<typeof Item>;
const Fields = {
  hostStaffId: IdRef,
  subjectId: IdRef,
  classId: Type.Optional(Nullable(IdRef)),
  kind: Type.Union(OPEN_LESSON_KINDS.map((k) => Type.Literal(k))),
  level: Type.Union(LEVELS.map((k) => Type.Literal(k))),
  topic: Type.String({ minLength: 1, maxLength: 200 }),
  lessonDate: DateText,
  period: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
  participants: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  materials: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

function base(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_open_lessons as o')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'o.county_id').onRef('s.id', '=', 'o.school_id'))
    .innerJoin('staff as h', (j) => j.onRef('h.county_id', '=', 'o.county_id').onRef('h.id', '=', 'o.host_staff_id'))
    .innerJoin('subjects as su', (j) => j.onRef('su.county_id', '=', 'o.county_id').onRef('su.id', '=', 'o.subject_id'))
    .select([
      'o.id',
      'o.school_id as schoolId',
      's.name as schoolName',
      'o.host_staff_id as hostStaffId',
      'h.name as hostName',
      'o.subject_id as subjectId',
      'su.name as subjectName',
      'o.class_id as classId',
      'o.kind',
      'o.level',
      'o.topic',
      'o.lesson_date as lessonDate',
      'o.period',
      'o.participants',
      'o.materials',
      sql<number>`(SELECT count(*)::int FROM activity_observations ob WHERE ob.county_id = o.county_id AND ob.open_lesson_id = o.id AND ob.archived_at IS NULL)`.as(
        'observationCount',
      ),
    ])
    .where('o.county_id', '=', auth.user.countyId)
    .where('o.archived_at', 'is', null)
    .where(recordVisible(auth, 'o.school_id', ['o.host_staff_id']));
}

export function openLessonRoutes(app: FastifyInstance) {
  registerRecord<Item>(app, {
    path: 'open-lessons',
    table: 'activity_open_lessons',
    item: Item,
    create: Type.Object(Fields),
    update: Type.Partial(Type.Object(Fields)),
    filters: { ...DateFilters, kind: Type.Optional(Type.String({ maxLength: 10 })) },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { kind?: string };
      let q = base(db, auth);
      if (p.schoolId) q = q.where('o.school_id', '=', p.schoolId);
      if (p.from) q = q.where('o.lesson_date', '>=', p.from);
      if (p.to) q = q.where('o.lesson_date', '<=', p.to);
      if (p.kind) q = q.where('o.kind', '=', p.kind);
      return page(q, p, { lessonDate: 'o.lesson_date', hostName: 'h.name' }, 'lessonDate', 'o.id');
    },
    get: async (db, auth, id) => (await base(db, auth).where('o.id', '=', id).executeTakeFirst()) as Item | undefined,
    canWrite: (auth, item) => writesSchool(auth, item.schoolId) || item.hostStaffId === auth.user.staffId,
    async prepare(db, auth, input, before) {
      const hostId = (input.hostStaffId as number | undefined) ?? before?.hostStaffId;
      const host = await staffOf(db, auth, hostId!);
      if (host.school_id == null) throw invalid(auth, 'staff_invalid');
      if (before && host.school_id !== before.schoolId) throw invalid(auth, 'staff_invalid');
      if (host.id !== auth.user.staffId) mustWriteSchool(auth, host.school_id);
      if (input.subjectId) await subjectExists(db, auth, input.subjectId as number);
      return {
        ...(before ? {} : { school_id: host.school_id }),
        ...columns(input, {
          hostStaffId: 'host_staff_id',
          subjectId: 'subject_id',
          classId: 'class_id',
          kind: 'kind',
          level: 'level',
          topic: 'topic',
          lessonDate: 'lesson_date',
          period: 'period',
          participants: 'participants',
          materials: 'materials',
        }),
      };
    },
  });
}
