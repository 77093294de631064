import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Db } from '../../db/pool.js';
import { managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { forbidden } from '../../platform/errors.js';
import { columns, type DateFilterParams, DateFilters, page, staffOf } from './checks.js';
import { invalid } from './messages.js';
import { activitiesPolicy } from './policy.js';
import { registerRecord } from './record-routes.js';
import { checkPastDate, DateText, IdRef, Nullable, recordVisible } from './shared.js';

/**
 * 家访: visitor, the family (through its student), date, mode (入户/电话/视频), the family's category, notes and
 * follow-up. The student must be of the visitor's school. Notes are family matters: only school roles see them —
 * the visitor and holders of a grant on that school (校长, 主任, 年级组长, 教研组长); the bureau sees the visit, not
 * the notes.
 */
export const VISIT_MODES = ['入户', '电话', '视频'] as const;
/** The family categories, with the seed's 优等生/特长生 (seed-004-notes.md W13) so a visitor's mix can be judged. */
export const FAMILY_CATEGORIES = ['留守', '单亲', '困难', '学困', '心理关注', '优等生', '特长生', '其他'] as const;

const Item = Type.Object({
  id: Type.Integer(),
  schoolId: Type.Integer(),
  schoolName: Type.String(),
  visitorId: Type.Integer(),
  visitorName: Type.String(),
  studentId: Type.Integer(),
  studentName: Type.String(),
  className: Nullable(Type.String()),
  visitDate: Type.String(),
  mode: Type.String(),
  category: Type.String(),
  /** null when the caller may not read notes (see the header). */
  notes: Nullable(Type.String()),
  followUp: Nullable(Type.String()),
  notesHidden: Type.Boolean(),
});
type Item = Static<typeof Item>;
const Fields = {
  visitorId: Type.Optional(IdRef),
  studentId: IdRef,
  visitDate: DateText,
  mode: Type.Union(VISIT_MODES.map((m) => Type.Literal(m))),
  category: Type.Union(FAMILY_CATEGORIES.map((c) => Type.Literal(c))),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  followUp: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export function mayReadNotes(auth: AuthContext, visitorId: number, schoolId: number): boolean {
  return visitorId === auth.user.staffId || auth.user.roles.some((g) => g.schoolId === schoolId);
}

function base(db: Db, auth: AuthContext) {
  return db
    .selectFrom('activity_home_visits as v')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'v.county_id').onRef('s.id', '=', 'v.school_id'))
    .innerJoin('staff as st', (j) => j.onRef('st.county_id', '=', 'v.county_id').onRef('st.id', '=', 'v.visitor_id'))
    .innerJoin('students as pu', (j) => j.onRef('pu.county_id', '=', 'v.county_id').onRef('pu.id', '=', 'v.student_id'))
    .leftJoin('classes as c', (j) => j.onRef('c.county_id', '=', 'pu.county_id').onRef('c.id', '=', 'pu.class_id'))
    .select([
      'v.id',
      'v.school_id as schoolId',
      's.name as schoolName',
      'v.visitor_id as visitorId',
      'st.name as visitorName',
      'v.student_id as studentId',
      'pu.name as studentName',
      'c.name as className',
      'v.visit_date as visitDate',
      'v.mode',
      'v.category',
      'v.notes',
      'v.follow_up as followUp',
    ])
    .where('v.county_id', '=', auth.user.countyId)
    .where('v.archived_at', 'is', null)
    .where(recordVisible(auth, 'v.school_id', ['v.visitor_id']));
}

function mask(auth: AuthContext, row: Omit<Item, 'notesHidden'>): Item {
  const ok = mayReadNotes(auth, row.visitorId, row.schoolId);
  return { ...row, notes: ok ? row.notes : null, followUp: ok ? row.followUp : null, notesHidden: !ok };
}

export function homeVisitRoutes(app: FastifyInstance) {
  registerRecord<Item>(app, {
    path: 'home-visits',
    table: 'activity_home_visits',
    item: Item,
    create: Type.Object(Fields),
    update: Type.Partial(
      Type.Object({
        visitDate: DateText,
        mode: Fields.mode,
        category: Fields.category,
        notes: Fields.notes,
        followUp: Fields.followUp,
      }),
    ),
    filters: {
      ...DateFilters,
      visitorId: Type.Optional(IdRef),
      category: Type.Optional(Type.String({ maxLength: 10 })),
    },
    writePolicy: activitiesPolicy.asStaffOrSchool,
    async list(db, auth, params) {
      const p = params as DateFilterParams & { visitorId?: number; category?: string };
      let q = base(db, auth);
      if (p.schoolId) q = q.where('v.school_id', '=', p.schoolId);
      if (p.visitorId) q = q.where('v.visitor_id', '=', p.visitorId);
      if (p.category) q = q.where('v.category', '=', p.category);
      if (p.from) q = q.where('v.visit_date', '>=', p.from);
      if (p.to) q = q.where('v.visit_date', '<=', p.to);
      const res = await page<Omit<Item, 'notesHidden'>>(
        q,
        p,
        { visitDate: 'v.visit_date', studentName: 'pu.name' },
        'visitDate',
        'v.id',
      );
      return { total: res.total, items: res.items.map((r) => mask(auth, r)) };
    },
    async get(db, auth, id) {
      const row = await base(db, auth).where('v.id', '=', id).executeTakeFirst();
      return row ? mask(auth, row as Omit<Item, 'notesHidden'>) : undefined;
    },
    canWrite: (auth, item) => item.visitorId === auth.user.staffId || managesSchool(auth, item.schoolId),
    async prepare(db, auth, input, before) {
      if (input.visitDate) checkPastDate(auth, '家访日期', input.visitDate as string);
      if (before)
        return columns(input, {
          visitDate: 'visit_date',
          mode: 'mode',
          category: 'category',
          notes: 'notes',
          followUp: 'follow_up',
        });
      const visitorId = (input.visitorId as number | undefined) ?? auth.user.staffId;
      if (visitorId == null) throw invalid(auth, 'not_staff');
      const visitor = await staffOf(db, auth, visitorId);
      if (visitor.id !== auth.user.staffId && !(visitor.school_id != null && managesSchool(auth, visitor.school_id)))
        throw forbidden();
      const student = await db
        .selectFrom('students as pu')
        .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'pu.county_id').onRef('s.id', '=', 'pu.school_id'))
        .select(['pu.id', 'pu.name', 'pu.school_id', 'pu.status'])
        .where('pu.county_id', '=', auth.user.countyId)
        .where('pu.id', '=', input.studentId as number)
        .where('pu.archived_at', 'is', null)
        .executeTakeFirst();
      if (!student) throw invalid(auth, 'student_invalid');
      if (visitor.school_id == null || student.school_id !== visitor.school_id) {
        const school = visitor.school_id
          ? (
              await db
                .selectFrom('schools')
                .select('name')
                .where('county_id', '=', auth.user.countyId)
                .where('id', '=', visitor.school_id)
                .executeTakeFirst()
            )?.name
          : '教育局';
        throw invalid(auth, 'student_other_school', { name: student.name, school });
      }
      return {
        school_id: visitor.school_id,
        visitor_id: visitor.id,
        student_id: student.id,
        visit_date: input.visitDate,
        mode: input.mode,
        category: input.category,
        notes: input.notes ?? null,
        follow_up: input.followUp ?? null,
      };
    },
  });
}
