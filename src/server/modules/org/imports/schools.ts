import { SCHOOL_LOCATIONS, SCHOOL_TYPES } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import { schoolVisible } from '../../../platform/auth/scope-sql.js';
import { defineUpsertKind } from '../../../platform/import/upsert-kind.js';
import { orgPolicy } from '../policy.js';
import { hasColumn } from './context.js';

export const schoolColumns: ColumnSpec[] = [
  {
    key: 'code',
    header: '学校代码',
    headerEn: 'School code',
    required: true,
    type: 'text',
    pattern: { regex: /^[0-9A-Za-z-]{2,20}$/, message: '学校代码应为 2–20 位字母、数字或连字符' },
    example: '3301000001',
  },
  {
    key: 'name',
    header: '学校名称',
    headerEn: 'School name',
    required: true,
    type: 'text',
    maxLength: 60,
    example: '城关第一小学',
  },
  { key: 'shortName', header: '简称', headerEn: 'Short name', type: 'text', maxLength: 20 },
  {
    key: 'type',
    header: '学校类型',
    headerEn: 'Type',
    required: true,
    type: 'enum',
    options: SCHOOL_TYPES,
    example: '小学',
  },
  {
    key: 'location',
    header: '城乡类别',
    headerEn: 'Location',
    required: true,
    type: 'enum',
    options: SCHOOL_LOCATIONS,
    example: '城区',
  },
  {
    key: 'regionCode',
    header: '所属学区代码',
    headerEn: 'District code',
    required: true,
    type: 'text',
    example: '330101-01',
    note: '区域中的学区代码，直属学校填区县代码',
  },
  {
    key: 'parentSchoolCode',
    header: '中心校代码',
    headerEn: 'Central school code',
    type: 'text',
    note: '村小、教学点填所属中心校的学校代码',
  },
  { key: 'isWeak', header: '薄弱学校', headerEn: 'Weak school', type: 'bool', example: '否' },
  { key: 'principalName', header: '校长', headerEn: 'Principal', type: 'text', maxLength: 20 },
  { key: 'contactPerson', header: '联系人', headerEn: 'Contact person', type: 'text', maxLength: 20 },
  { key: 'contactPhone', header: '联系电话', headerEn: 'Contact phone', type: 'text', maxLength: 20 },
  { key: 'address', header: '地址', headerEn: 'Address', type: 'text', maxLength: 120 },
];

interface SchoolValues extends Record<string, unknown> {
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  location: string;
  region_id: number;
  parent_school_id: number | null;
  is_weak: boolean;
  principal_name: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  address: string | null;
}

/**
 * Schools, upserted on 学校代码. Only the county's 教育局管理员 imports schools. A 中心校 named in the same file is
 * resolved when it already exists; a new 中心校 and its 村小 in one file need two imports (the dry run says so).
 */
export const schoolImport = defineUpsertKind({
  kind: 'schools',
  label: { zh: '学校', en: 'Schools' },
  sheetName: '学校',
  columns: schoolColumns,
  keyColumns: ['code'],
  table: 'schools',
  conflictColumns: ['county_id', 'code'],
  mayImport: orgPolicy.manageCounty,
  async load(db, auth) {
    const countyId = auth.user.countyId;
    const regions = await db.selectFrom('regions').select(['id', 'code']).where('county_id', '=', countyId).execute();
    const schools = await db.selectFrom('schools').selectAll().where('county_id', '=', countyId).execute();
    return {
      regions: new Map(regions.map((r) => [r.code, r.id])),
      schools: new Map(schools.map((s) => [s.code, s.id])),
      stored: new Map(schools.map((s) => [s.code, s])),
    };
  },
  toValues(ctx, row, errors): SchoolValues | undefined {
    const v = row.values as Record<string, string | boolean | undefined>;
    const regionId = ctx.regions.get(String(v.regionCode));
    if (regionId === undefined) {
      errors.push({ row: row.rowNumber, column: '所属学区代码', message: `区域代码“${v.regionCode}”不存在` });
      return undefined;
    }
    // An optional column left out of the file keeps the stored value; an empty cell clears it.
    const before = ctx.stored.get(String(v.code));
    const keep = <T>(key: string, value: T, stored: T | undefined): T =>
      hasColumn(row, key) ? value : (stored ?? value);
    let parentId: number | null = keep('parentSchoolCode', null, before?.parent_school_id);
    if (v.parentSchoolCode) {
      const found = ctx.schools.get(String(v.parentSchoolCode));
      if (found === undefined || v.parentSchoolCode === v.code) {
        errors.push({
          row: row.rowNumber,
          column: '中心校代码',
          message: `中心校代码“${v.parentSchoolCode}”不存在（新建的中心校请先单独导入）`,
        });
        return undefined;
      }
      parentId = found;
    }
    return {
      code: String(v.code),
      name: String(v.name),
      short_name: keep('shortName', (v.shortName as string) ?? null, before?.short_name),
      type: String(v.type),
      location: String(v.location),
      region_id: regionId,
      parent_school_id: parentId,
      is_weak: keep('isWeak', (v.isWeak as boolean) ?? false, before?.is_weak),
      principal_name: keep('principalName', (v.principalName as string) ?? null, before?.principal_name),
      contact_person: keep('contactPerson', (v.contactPerson as string) ?? null, before?.contact_person),
      contact_phone: keep('contactPhone', (v.contactPhone as string) ?? null, before?.contact_phone),
      address: keep('address', (v.address as string) ?? null, before?.address),
    };
  },
  keyOf: (v) => v.code,
  async existing(db, auth, values) {
    if (values.length === 0) return new Map();
    const rows = await db
      .selectFrom('schools')
      .select([
        'code',
        'name',
        'short_name',
        'type',
        'location',
        'region_id',
        'parent_school_id',
        'is_weak',
        'principal_name',
        'contact_person',
        'contact_phone',
        'address',
      ])
      .where('county_id', '=', auth.user.countyId)
      .where(
        'code',
        'in',
        values.map((v) => v.code),
      )
      .execute();
    return new Map(rows.map((r) => [r.code, r as SchoolValues]));
  },
  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('schools as s')
      .innerJoin('regions as r', 'r.id', 's.region_id')
      .leftJoin('schools as p', (j) =>
        j.onRef('p.county_id', '=', 's.county_id').onRef('p.id', '=', 's.parent_school_id'),
      )
      .select([
        's.code',
        's.name',
        's.short_name as shortName',
        's.type',
        's.location',
        'r.code as regionCode',
        'p.code as parentSchoolCode',
        's.is_weak as isWeak',
        's.principal_name as principalName',
        's.contact_person as contactPerson',
        's.contact_phone as contactPhone',
        's.address',
      ])
      .where('s.county_id', '=', auth.user.countyId)
      .where('s.archived_at', 'is', null)
      .where(schoolVisible(auth.scope, 's.id'));
    if (filters.type) q = q.where('s.type', '=', String(filters.type));
    if (filters.location) q = q.where('s.location', '=', String(filters.location));
    return q.orderBy('s.code').execute();
  },
});
