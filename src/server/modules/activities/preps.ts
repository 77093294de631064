import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { columns, type DateFilterParams, DateFilters, mustWriteSchool, page, staffOf } from './checks.js';
import { invalid } from './messages.js';
import { activitiesPolicy, writesSchool } from './policy.js';
import { registerRecord } from './record-routes.js';
import { checkPastDate, DateText, IdRef, Nullable, recordVisible } from './shared.js';

/**
 * 备课组/教研组 of a school and their 集体备课 sessions (group, date, topic, 主备人, participants, outputs). The weekly
 * quota ("每周每学科集体备课不少于1次") is counted per 备课组 by the sessions tagged with it.
 */
const Group = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  subjectId: Nullable(Type.Integer()),
  gradeLevels: Type.Array(Type.Integer()),
  leaderStaffId: Nullable(Type.Integer()),
  memberIds: Type.Array(Type.Integer()),
  fromDate: Nullable(Type.String()),
  untilDate: Nullable(Type.String()),
});
type Group = Static<typeof Group>;
const GroupFields = {
  schoolId: IdRef,
  kind: Type.Union([Type.Literal('备课组'), Type.Literal('教研组')]),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  subjectId: Type.Optional(Nullable(IdRef)),
  gradeLevels: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 12 }), { maxItems: 12 })),
  leaderStaffId: Type.Optional(Nullable(IdRef)),
  memberIds: Type.Optional(Type.Array(IdRef, { maxItems: 200 })),
  fromDate: Type.Optional(Nullable(DateText)),
  untilDate: Type.Optional(Nullable(DateText)),
};

function groups(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_groups as g')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'g.county_id').onRef('s.id', '=', 'g.school_id'))
    .select([
      'g.id',
      'g.school_id as schoolId',
      's.name as schoolName',
      'g.kind',
      'g.name',
      'g.subject_id as subjectId',
      'g.grade_levels as gradeLevels',
      'g.leader_staff_id as leaderStaffId',
      'g.member_ids as memberIds',
      'g.from_date as fromDate',
      'g.until_date as untilDate',
    ])
    .where('g.county_id', '=', auth.user.countyId)
    .where('g.archived_at', 'is', null)
    .where(recordVisible(auth, 'g.school_id', ['g.leader_staff_id']));
}

const Prep = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  groupId: Type.Integer(),
  groupName: Type.String(),
  prepDate: Type.String(),
  topic: Type.String(),
  leadStaffId: Type.Integer(),
  leadName: Type.String(),
  participantIds: Type.Array(Type.Integer()),
  outputs: Nullable(Type.String()),
});
type Prep = Static<typeof Prep>;
const PrepFields = {
  groupId: IdRef,
  prepDate: DateText,
  topic: Type.String({ minLength: 1, maxLength: 200 }),
  leadStaffId: IdRef,
  participantIds: Type.Optional(Type.Array(IdRef, { maxItems: 200 })),
  outputs: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
};

function preps(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_preps as p')
    .innerJoin('activity_groups as g', (j) =>
      j.onRef('g.county_id', '=', 'p.county_id').onRef('g.id', '=', 'p.group_id'),
    )
    .innerJoin('staff as l', (j) => j.onRef('l.county_id', '=', 'p.county_id').onRef('l.id', '=', 'p.lead_staff_id'))
    .select([
      'p.id',
      'p.school_id as schoolId',
      'p.group_id as groupId',
      'g.name as groupName',
      'p.prep_date as prepDate',
      'p.topic',
      'p.lead_staff_id as leadStaffId',
      'l.name as leadName',
      'p.participant_ids as participantIds',
      'p.outputs',
    ])
    .where('p.county_id', '=', auth.user.countyId)
    .where('p.archived_at', 'is', null)
    .where(recordVisible(auth, 'p.school_id', ['p.lead_staff_id', 'g.leader_staff_id']));
}

export function prepRoutes(app: FastifyInstance) {
  registerRecord<Group>(app, {
    path: 'groups',
    table: 'activity_groups',
    item: Group,
    create: Type.Object(GroupFields),
    update: Type.Partial(Type.Object({ ...GroupFields, schoolId: Type.Optional(Type.Never()) })),
    filters: { schoolId: Type.Optional(IdRef), kind: Type.Optional(Type.String({ maxLength: 10 })) },
    writePolicy: activitiesPolicy.schoolRecords,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { kind?: string };
      let q = groups(db, auth);
      if (p.schoolId) q = q.where('g.school_id', '=', p.schoolId);
      if (p.kind) q = q.where('g.kind', '=', p.kind);
      return page(q, { ...p, order: p.order ?? 'asc' }, { name: 'g.name' }, 'name', 'g.id');
    },
    get: async (db, auth, id) =>
      (await groups(db, auth).where('g.id', '=', id).executeTakeFirst()) as Group | undefined,
    canWrite: (auth, item) => writesSchool(auth, item.schoolId),
    async prepare(db, auth, input, before) {
      const schoolId = before?.schoolId ?? (input.schoolId as number);
      mustWriteSchool(auth, schoolId);
      if (input.leaderStaffId) await staffOf(db, auth, input.leaderStaffId as number, schoolId);
      for (const m of (input.memberIds as number[] | undefined) ?? []) await staffOf(db, auth, m, schoolId);
      return {
        ...(before ? {} : { school_id: schoolId }),
        ...columns(input, {
          kind: 'kind',
          name: 'name',
          subjectId: 'subject_id',
          gradeLevels: 'grade_levels',
          leaderStaffId: 'leader_staff_id',
          memberIds: 'member_ids',
          fromDate: 'from_date',
          untilDate: 'until_date',
        }),
      };
    },
  });

  registerRecord<Prep>(app, {
    path: 'preps',
    table: 'activity_preps',
    item: Prep,
    create: Type.Object(PrepFields),
    update: Type.Partial(Type.Object({ ...PrepFields, groupId: Type.Optional(Type.Never()) })),
    filters: { ...DateFilters, groupId: Type.Optional(IdRef) },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { groupId?: number };
      let q = preps(db, auth);
      if (p.schoolId) q = q.where('p.school_id', '=', p.schoolId);
      if (p.groupId) q = q.where('p.group_id', '=', p.groupId);
      if (p.from) q = q.where('p.prep_date', '>=', p.from);
      if (p.to) q = q.where('p.prep_date', '<=', p.to);
      return page(q, p, { prepDate: 'p.prep_date' }, 'prepDate', 'p.id');
    },
    get: async (db, auth, id) => (await preps(db, auth).where('p.id', '=', id).executeTakeFirst()) as Prep | undefined,
    canWrite: (auth, item) => writesSchool(auth, item.schoolId) || item.leadStaffId === auth.user.staffId,
    async prepare(db, auth, input, before) {
      const groupId = before?.groupId ?? (input.groupId as number);
      const group = await db
        .selectFrom('activity_groups')
        .select(['school_id', 'leader_staff_id', 'member_ids'])
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', groupId)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!group) throw invalid(auth, 'group_invalid');
      const me = auth.user.staffId;
      const inGroup = me != null && (group.leader_staff_id === me || group.member_ids.includes(me));
      if (!inGroup) mustWriteSchool(auth, group.school_id);
      if (input.prepDate) checkPastDate(auth, '备课日期', input.prepDate as string);
      if (input.leadStaffId) await staffOf(db, auth, input.leadStaffId as number, group.school_id);
      return {
        ...(before ? {} : { school_id: group.school_id, group_id: groupId }),
        ...columns(input, {
          prepDate: 'prep_date',
          topic: 'topic',
          leadStaffId: 'lead_staff_id',
          participantIds: 'participant_ids',
          outputs: 'outputs',
        }),
      };
    },
  });
}
