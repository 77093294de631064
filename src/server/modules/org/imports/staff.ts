import { sql } from 'kysely';
import { GENDERS, STAFF_TIERS, STAFF_TITLES } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import { isCountyAdmin } from '../../../platform/auth/roles.js';
import { staffVisible } from '../../../platform/auth/scope-sql.js';
import { defineUpsertKind } from '../../../platform/import/upsert-kind.js';
import { orgPolicy } from '../policy.js';
import { phoneColumn, phoneFor } from './columns.js';
import { distinctTexts, hasColumn, inChunks, resolveSchool, schoolsByCode, subjectsByName } from './context.js';

export const staffColumns: ColumnSpec[] = [
  {
    key: 'staffNo',
    header: '工号',
    headerEn: 'Staff number',
    required: true,
    type: 'text',
    pattern: { regex: /^[0-9A-Za-z_-]{1,30}$/, message: '工号应为 1–30 位字母、数字、下划线或连字符' },
    example: 'T2025001',
  },
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, type: 'text', maxLength: 30, example: '王丽' },
  { key: 'gender', header: '性别', headerEn: 'Gender', type: 'enum', options: GENDERS, example: '女' },
  {
    key: 'schoolCode',
    header: '学校代码',
    headerEn: 'School code',
    type: 'text',
    example: '3301000001',
    note: '不填表示局机关人员（只有区县教育局管理员可以导入）',
  },
  { key: 'title', header: '职称', headerEn: 'Title', type: 'enum', options: STAFF_TITLES, example: '一级教师' },
  { key: 'tiers', header: '荣誉称号', headerEn: 'Honours', type: 'list', options: STAFF_TIERS, example: '骨干教师' },
  {
    key: 'subjects',
    header: '任教学科',
    headerEn: 'Subjects taught',
    type: 'list',
    maxLength: 20,
    example: '语文、道德与法治',
    note: '学科名称，可填多个；须为“学科”中已有的学科',
  },
  { key: 'position', header: '职务', headerEn: 'Position', type: 'text', maxLength: 40, example: '教研组长' },
  phoneColumn,
];

interface StaffValues extends Record<string, unknown> {
  staff_no: string;
  name: string;
  gender: string | null;
  school_id: number | null;
  region_id: number | null;
  title: string | null;
  tiers: string[];
  subject_ids: number[];
  position: string | null;
  phone: string | null;
  archived_at: null;
}

interface StoredStaff {
  staff_no: string;
  name: string;
  gender: string | null;
  school_id: number | null;
  school_name: string | null;
  region_id: number | null;
  title: string | null;
  tiers: string[];
  subject_ids: number[];
  position: string | null;
  phone: string | null;
  archived_at: Date | null;
}

async function storedStaff(db: Db, countyId: number, staffNos: string[]) {
  const map = new Map<string, StoredStaff>();
  await inChunks(staffNos, 10_000, async (chunk) => {
    const rows = await db
      .selectFrom('staff as st')
      .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select([
        'st.staff_no',
        'st.name',
        'st.gender',
        'st.school_id',
        's.name as school_name',
        'st.region_id',
        'st.title',
        'st.tiers',
        'st.subject_ids',
        'st.position',
        'st.phone',
        'st.archived_at',
      ])
      .where('st.county_id', '=', countyId)
      .where('st.staff_no', '=', sql<string>`ANY(${chunk}::text[])`)
      .execute();
    // bigint[] comes back from pg as strings
    for (const r of rows) map.set(r.staff_no, { ...r, subject_ids: r.subject_ids.map(Number) });
  });
  return map;
}

/**
 * 教职工, upserted on 工号. A school's 校长/管理员 imports the staff of their school; the county's 教育局管理员 any
 * staff, including bureau staff (学校代码 empty). Rules:
 * - 学校代码: an existing school the importer manages; empty = bureau staff, only for the county's admin;
 * - an existing staff member of a school the importer does not manage is an error (no silent move between schools);
 * - 任教学科: subject names (or codes) of the county, stored as subject ids; an unknown subject is named;
 * - an optional column left out of the file keeps the stored values; an empty cell clears the value;
 * - an archived staff member named in the file is restored.
 */
export const staffImport = defineUpsertKind({
  kind: 'staff',
  label: { zh: '教职工', en: 'Staff' },
  sheetName: '教职工',
  columns: staffColumns,
  keyColumns: ['staffNo'],
  table: 'staff',
  conflictColumns: ['county_id', 'staff_no'],
  mayImport: orgPolicy.manageSomeSchool,
  async load(db, auth, rows) {
    const countyId = auth.user.countyId;
    return {
      countyId,
      schools: await schoolsByCode(db, countyId),
      subjects: await subjectsByName(db, countyId),
      stored: await storedStaff(db, countyId, distinctTexts(rows, 'staffNo')),
    };
  },
  toValues(ctx, row, errors, auth): StaffValues | undefined {
    const v = row.values as {
      staffNo: string;
      name: string;
      gender?: string | null;
      schoolCode?: string | null;
      title?: string | null;
      tiers?: string[] | null;
      subjects?: string[] | null;
      position?: string | null;
      phone?: string | null;
    };
    const at = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
    const before = ctx.stored.get(v.staffNo);
    if (before && !orgPolicy.manageSchool(auth, before.school_id)) {
      at('工号', `工号“${v.staffNo}”是${before.school_name ?? '局机关'}的教职工，不在您的管理范围内`);
      return undefined;
    }
    let schoolId: number | null;
    if (!hasColumn(row, 'schoolCode')) schoolId = before ? before.school_id : null;
    else if (v.schoolCode) {
      const school = resolveSchool(auth, ctx.schools, v.schoolCode, row.rowNumber, '学校代码', errors);
      if (!school) return undefined;
      schoolId = school.id;
    } else schoolId = null;
    if (schoolId === null && !isCountyAdmin(auth)) {
      at('学校代码', '学校代码为空表示局机关人员，只有区县教育局管理员可以导入局机关人员');
      return undefined;
    }
    let subjectIds = before?.subject_ids ?? [];
    if (hasColumn(row, 'subjects')) {
      const names = v.subjects ?? [];
      const unknown = names.filter((n) => !ctx.subjects.has(n));
      if (unknown.length > 0) {
        at('任教学科', `学科${unknown.map((n) => `“${n}”`).join('、')}不存在`);
        return undefined;
      }
      subjectIds = [...new Set(names.map((n) => ctx.subjects.get(n)!.id))];
    }
    // Bureau staff belong to a region (the county office unless stored otherwise); school staff to their school.
    const regionId =
      schoolId !== null ? null : before?.school_id === null ? (before.region_id ?? ctx.countyId) : ctx.countyId;
    const keep = <K extends keyof StaffValues>(
      key: K,
      column: keyof typeof v,
      value: StaffValues[K],
    ): StaffValues[K] =>
      hasColumn(row, column) ? value : ((before?.[key as keyof StoredStaff] as StaffValues[K] | undefined) ?? value);
    return {
      staff_no: v.staffNo,
      name: v.name,
      gender: keep('gender', 'gender', v.gender ?? null),
      school_id: schoolId,
      region_id: regionId,
      title: keep('title', 'title', v.title ?? null),
      tiers: keep('tiers', 'tiers', v.tiers ?? []),
      subject_ids: subjectIds,
      position: keep('position', 'position', v.position ?? null),
      phone: keep('phone', 'phone', v.phone ?? null),
      archived_at: null,
    };
  },
  keyOf: (v) => v.staff_no,
  async existing(db, auth, values) {
    const stored = await storedStaff(
      db,
      auth.user.countyId,
      values.map((v) => v.staff_no),
    );
    return new Map([...stored].map(([no, { school_name: _, ...r }]) => [no, r as unknown as StaffValues]));
  },
  async exportRows(db, auth, filters) {
    const countyId = auth.user.countyId;
    let q = db
      .selectFrom('staff as st')
      .leftJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'st.county_id').onRef('s.id', '=', 'st.school_id'))
      .select([
        'st.staff_no as staffNo',
        'st.name',
        'st.gender',
        's.code as schoolCode',
        'st.title',
        'st.tiers',
        'st.subject_ids',
        'st.position',
        'st.phone',
        'st.school_id',
      ])
      .where('st.county_id', '=', countyId)
      .where('st.archived_at', 'is', null)
      .where(staffVisible(auth.scope, 'st.school_id'));
    if (filters.schoolId) q = q.where('st.school_id', '=', Number(filters.schoolId));
    if (filters.subjectId) q = q.where(sql<boolean>`${Number(filters.subjectId)}::bigint = ANY(st.subject_ids)`);
    if (filters.title) q = q.where('st.title', '=', String(filters.title));
    if (filters.tier) q = q.where(sql<boolean>`${String(filters.tier)} = ANY(st.tiers)`);
    const rows = await q.orderBy('s.code').orderBy('st.staff_no').execute();
    const names = new Map([...(await subjectsByName(db, countyId)).values()].map((s) => [s.id, s.name]));
    return rows.map(({ subject_ids, school_id, phone, ...r }) => ({
      ...r,
      phone: phoneFor(auth, school_id, phone),
      subjects: subject_ids.map((id) => names.get(Number(id))).filter((n) => n !== undefined),
    }));
  },
});
