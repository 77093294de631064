import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { columns, type DateFilterParams, DateFilters, mustWriteSchool, page, staffOf } from './checks.js';
import { invalid } from './messages.js';
import { LEVELS } from './open-lessons.js';
import { activitiesPolicy, writesSchool } from './policy.js';
import { registerRecord } from './record-routes.js';
import { checkPastDate, DateText, IdRef, Nullable, recordVisible } from './shared.js';

/**
 * 教研活动 (主题/校本/联片/网络) and 送教下乡 / 结对帮扶 visits, organised by a school (its managers) or by the bureau
 * (school null: the county's researchers and leaders); and 青蓝工程 mentoring pairs with their periodic records.
 */
export const EVENT_KINDS = ['主题教研', '校本教研', '联片教研', '网络教研', '送教下乡', '结对帮扶'] as const;
export const MENTOR_RECORD_KINDS = ['听课指导', '备课指导', '谈话交流', '阶段考核'] as const;

const Event = Type.Object({
  id: Type.Integer(),
  schoolId: Nullable(Type.Integer()),
  schoolName: Nullable(Type.String()),
  organiserStaffId: Type.Integer(),
  organiserName: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  eventDate: Type.String(),
  topic: Type.String(),
  location: Nullable(Type.String()),
  targetSchoolIds: Type.Array(Type.Integer()),
  participants: Nullable(Type.String()),
  notes: Nullable(Type.String()),
});
type Event = Static<typeof Event>;
const EventFields = {
  schoolId: Type.Optional(Nullable(IdRef)),
  organiserStaffId: IdRef,
  kind: Type.Union(EVENT_KINDS.map((k) => Type.Literal(k))),
  level: Type.Union(LEVELS.map((k) => Type.Literal(k))),
  eventDate: DateText,
  topic: Type.String({ minLength: 1, maxLength: 200 }),
  location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  targetSchoolIds: Type.Optional(Type.Array(IdRef, { maxItems: 100 })),
  participants: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
};

function events(db: Db, auth: AuthContext) {
  const seen = auth.scope.allSchools
    ? sql<boolean>`true`
    : sql<boolean>`(e.school_id IS NULL OR e.school_id = ANY(${auth.scope.schoolIds}::bigint[]) OR e.target_school_ids && ${auth.scope.schoolIds}::bigint[] OR e.organiser_staff_id = ${auth.user.staffId ?? -1})`;
  return db
    .selectFrom('activity_research_events as e')
    .innerJoin('staff as o', (j) =>
      j.onRef('o.county_id', '=', 'e.county_id').onRef('o.id', '=', 'e.organiser_staff_id'),
    )
    .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'e.county_id').onRef('s.id', '=', 'e.school_id'))
    .select([
      'e.id',
      'e.school_id as schoolId',
      's.name as schoolName',
      'e.organiser_staff_id as organiserStaffId',
      'o.name as organiserName',
      'e.kind',
      'e.level',
      'e.event_date as eventDate',
      'e.topic',
      'e.location',
      'e.target_school_ids as targetSchoolIds',
      'e.participants',
      'e.notes',
    ])
    .where('e.county_id', '=', auth.user.countyId)
    .where('e.archived_at', 'is', null)
    .where(seen);
}

const mayOrganise = (auth: AuthContext, schoolId: number | null) =>
  schoolId == null
    ? activitiesPolicy.manageRules(auth) || (auth.scope.allSchools && auth.scope.bureau)
    : writesSchool(auth, schoolId);

const Pair = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  mentorId: Type.Integer(),
  mentorName: Type.String(),
  menteeId: Type.Integer(),
  menteeName: Type.String(),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  goals: Type.String(),
  recordCount: Type.Integer(),
});
type Pair = Static<typeof Pair>;
const PairFields = {
  schoolId: IdRef,
  mentorId: IdRef,
  menteeId: IdRef,
  startDate: DateText,
  endDate: Type.Optional(Nullable(DateText)),
  goals: Type.String({ minLength: 1, maxLength: 2000 }),
};

function pairs(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_mentor_pairs as p')
    .innerJoin('staff as m', (j) => j.onRef('m.county_id', '=', 'p.county_id').onRef('m.id', '=', 'p.mentor_id'))
    .innerJoin('staff as e', (j) => j.onRef('e.county_id', '=', 'p.county_id').onRef('e.id', '=', 'p.mentee_id'))
    .select([
      'p.id',
      'p.school_id as schoolId',
      'p.mentor_id as mentorId',
      'm.name as mentorName',
      'p.mentee_id as menteeId',
      'e.name as menteeName',
      'p.start_date as startDate',
      'p.end_date as endDate',
      'p.goals',
      sql<number>`(SELECT count(*)::int FROM activity_mentor_records r WHERE r.county_id = p.county_id AND r.pair_id = p.id)`.as(
        'recordCount',
      ),
    ])
    .where('p.county_id', '=', auth.user.countyId)
    .where('p.archived_at', 'is', null)
    .where(recordVisible(auth, 'p.school_id', ['p.mentor_id', 'p.mentee_id']));
}

const MentorRecord = Type.Object({
  id: Type.Integer(),
  pairId: Type.Integer(),
  recordDate: Type.String(),
  kind: Type.String(),
  content: Type.String(),
});
type MentorRecord = Static<typeof MentorRecord>;
const MentorRecordFields = {
  pairId: IdRef,
  recordDate: DateText,
  kind: Type.Union(MENTOR_RECORD_KINDS.map((k) => Type.Literal(k))),
  content: Type.String({ minLength: 1, maxLength: 4000 }),
};

export function researchRoutes(app: FastifyInstance) {
  registerRecord<Event>(app, {
    path: 'research-events',
    table: 'activity_research_events',
    item: Event,
    create: Type.Object(EventFields),
    update: Type.Partial(Type.Object({ ...EventFields, schoolId: Type.Optional(Type.Never()) })),
    filters: { ...DateFilters, kind: Type.Optional(Type.String({ maxLength: 10 })) },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { kind?: string };
      let q = events(db, auth);
      if (p.schoolId) q = q.where('e.school_id', '=', p.schoolId);
      if (p.kind) q = q.where('e.kind', '=', p.kind);
      if (p.from) q = q.where('e.event_date', '>=', p.from);
      if (p.to) q = q.where('e.event_date', '<=', p.to);
      return page(q, p, { eventDate: 'e.event_date' }, 'eventDate', 'e.id');
    },
    get: async (db, auth, id) =>
      (await events(db, auth).where('e.id', '=', id).executeTakeFirst()) as Event | undefined,
    canWrite: (auth, item) => mayOrganise(auth, item.schoolId),
    async prepare(db, auth, input, before) {
      const schoolId = before ? before.schoolId : ((input.schoolId as number | null | undefined) ?? null);
      if (!mayOrganise(auth, schoolId)) throw invalid(auth, 'school_outside_scope');
      if (schoolId != null) mustWriteSchool(auth, schoolId);
      if (input.eventDate) checkPastDate(auth, '活动日期', input.eventDate as string);
      if (input.organiserStaffId) await staffOf(db, auth, input.organiserStaffId as number);
      return {
        ...(before ? {} : { school_id: schoolId }),
        ...columns(input, {
          organiserStaffId: 'organiser_staff_id',
          kind: 'kind',
          level: 'level',
          eventDate: 'event_date',
          topic: 'topic',
          location: 'location',
          targetSchoolIds: 'target_school_ids',
          participants: 'participants',
          notes: 'notes',
        }),
      };
    },
  });

  registerRecord<Pair>(app, {
    path: 'mentor-pairs',
    table: 'activity_mentor_pairs',
    item: Pair,
    create: Type.Object(PairFields),
    update: Type.Partial(Type.Object({ endDate: PairFields.endDate, goals: PairFields.goals })),
    filters: { schoolId: Type.Optional(IdRef) },
    writePolicy: activitiesPolicy.schoolRecords,
    async list(db, auth, params) {
      const p = params as DateFilterParams;
      let q = pairs(db, auth);
      if (p.schoolId) q = q.where('p.school_id', '=', p.schoolId);
      return page(q, p, { startDate: 'p.start_date' }, 'startDate', 'p.id');
    },
    get: async (db, auth, id) => (await pairs(db, auth).where('p.id', '=', id).executeTakeFirst()) as Pair | undefined,
    canWrite: (auth, item) => writesSchool(auth, item.schoolId),
    async prepare(db, auth, input, before) {
      if (before) return columns(input, { endDate: 'end_date', goals: 'goals' });
      const schoolId = input.schoolId as number;
      mustWriteSchool(auth, schoolId);
      if (input.mentorId === input.menteeId) throw invalid(auth, 'pair_same');
      await staffOf(db, auth, input.mentorId as number, schoolId);
      await staffOf(db, auth, input.menteeId as number, schoolId);
      return {
        school_id: schoolId,
        mentor_id: input.mentorId,
        mentee_id: input.menteeId,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        goals: input.goals,
      };
    },
  });

  registerRecord<MentorRecord & { schoolId: number; mentorId: number; menteeId: number }>(app, {
    path: 'mentor-records',
    table: 'activity_mentor_records',
    hardDelete: true,
    item: MentorRecord,
    create: Type.Object(MentorRecordFields),
    update: Type.Partial(
      Type.Object({ recordDate: DateText, kind: MentorRecordFields.kind, content: MentorRecordFields.content }),
    ),
    filters: { pairId: Type.Optional(IdRef) },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { pairId?: number };
      let q = records(db, auth);
      if (p.pairId) q = q.where('r.pair_id', '=', p.pairId);
      return page(q, p, { recordDate: 'r.record_date' }, 'recordDate', 'r.id');
    },
    get: async (db, auth, id) =>
      (await records(db, auth).where('r.id', '=', id).executeTakeFirst()) as
        | (MentorRecord & { schoolId: number; mentorId: number; menteeId: number })
        | undefined,
    canWrite: (auth, item) =>
      writesSchool(auth, item.schoolId) || item.mentorId === auth.user.staffId || item.menteeId === auth.user.staffId,
    async prepare(db, auth, input, before) {
      if (input.recordDate) checkPastDate(auth, '记录日期', input.recordDate as string);
      if (before) return columns(input, { recordDate: 'record_date', kind: 'kind', content: 'content' });
      const pair = await pairs(db, auth)
        .where('p.id', '=', input.pairId as number)
        .executeTakeFirst();
      const me = auth.user.staffId;
      if (!pair || !(writesSchool(auth, pair.schoolId) || pair.mentorId === me || pair.menteeId === me))
        throw invalid(auth, 'pair_invalid');
      return { pair_id: pair.id, record_date: input.recordDate, kind: input.kind, content: input.content };
    },
  });
}

function records(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_mentor_records as r')
    .innerJoin('activity_mentor_pairs as p', (j) =>
      j.onRef('p.county_id', '=', 'r.county_id').onRef('p.id', '=', 'r.pair_id'),
    )
    .select([
      'r.id',
      'r.pair_id as pairId',
      'r.record_date as recordDate',
      'r.kind',
      'r.content',
      'p.school_id as schoolId',
      'p.mentor_id as mentorId',
      'p.mentee_id as menteeId',
    ])
    .where('r.county_id', '=', auth.user.countyId)
    .where('p.archived_at', 'is', null)
    .where(recordVisible(auth, 'p.school_id', ['p.mentor_id', 'p.mentee_id']));
}
