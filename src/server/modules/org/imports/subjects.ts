import { STAGES } from '../../../../common/org/enums.js';
import type { ColumnSpec } from '../../../../common/tabular/types.js';
import { defineUpsertKind } from '../../../platform/import/upsert-kind.js';
import { orgPolicy } from '../policy.js';
import { hasColumn } from './context.js';

export const subjectColumns: ColumnSpec[] = [
  {
    key: 'code',
    header: '学科代码',
    headerEn: 'Subject code',
    required: true,
    type: 'text',
    pattern: { regex: /^[0-9A-Za-z_-]{1,20}$/, message: '学科代码应为 1–20 位字母、数字、下划线或连字符' },
    example: 'SF',
  },
  {
    key: 'name',
    header: '学科名称',
    headerEn: 'Subject name',
    required: true,
    type: 'text',
    maxLength: 20,
    example: '书法',
  },
  {
    key: 'stages',
    header: '学段',
    headerEn: 'Stages',
    required: true,
    type: 'list',
    options: STAGES,
    example: '小学、初中',
    note: '开设该学科的学段，可填多个',
  },
  {
    key: 'sort',
    header: '排序',
    headerEn: 'Sort order',
    type: 'int',
    min: 0,
    max: 100000,
    example: '17',
    note: '数字小的排在前面；不填时新学科为 0，已有学科保持原值',
  },
];

interface SubjectValues extends Record<string, unknown> {
  code: string;
  name: string;
  stages: string[];
  sort: number;
  archived_at: null;
}

const STAGE_ORDER: string[] = STAGES.map((s) => s.value);

/**
 * The county's subjects, upserted on 学科代码; only the county's 教育局管理员 imports them. A name belongs to one
 * code (subjects are found by name in other imports): a name already used by another code, in the county or
 * earlier in the file, is an error. Stages are stored in 小学, 初中, 高中 order. An archived subject named in the
 * file is restored.
 */
export const subjectImport = defineUpsertKind({
  kind: 'subjects',
  label: { zh: '学科', en: 'Subjects' },
  sheetName: '学科',
  columns: subjectColumns,
  keyColumns: ['code'],
  table: 'subjects',
  conflictColumns: ['county_id', 'code'],
  mayImport: orgPolicy.manageCounty,
  async load(db, auth) {
    const rows = await db
      .selectFrom('subjects')
      .select(['code', 'name', 'sort'])
      .where('county_id', '=', auth.user.countyId)
      .execute();
    return {
      byCode: new Map(rows.map((r) => [r.code, r])),
      codeOfName: new Map(rows.map((r) => [r.name, r.code])),
      /** Names given earlier in the file, with their code and row. */
      inFile: new Map<string, { code: string; row: number }>(),
    };
  },
  toValues(ctx, row, errors): SubjectValues | undefined {
    const v = row.values as { code: string; name: string; stages: string[]; sort?: number | null };
    const taken = ctx.codeOfName.get(v.name);
    if (taken !== undefined && taken !== v.code) {
      errors.push({ row: row.rowNumber, column: '学科名称', message: `学科名称“${v.name}”已被学科代码“${taken}”使用` });
      return undefined;
    }
    const earlier = ctx.inFile.get(v.name);
    if (earlier && earlier.code !== v.code) {
      errors.push({
        row: row.rowNumber,
        column: '学科名称',
        message: `学科名称“${v.name}”与第 ${earlier.row} 行（学科代码“${earlier.code}”）重复`,
      });
      return undefined;
    }
    ctx.inFile.set(v.name, { code: v.code, row: row.rowNumber });
    const sort = (hasColumn(row, 'sort') ? v.sort : null) ?? ctx.byCode.get(v.code)?.sort ?? 0;
    return {
      code: v.code,
      name: v.name,
      stages: [...v.stages].sort((a, b) => STAGE_ORDER.indexOf(a) - STAGE_ORDER.indexOf(b)),
      sort,
      archived_at: null,
    };
  },
  keyOf: (v) => v.code,
  async existing(db, auth, values) {
    if (values.length === 0) return new Map();
    const rows = await db
      .selectFrom('subjects')
      .select(['code', 'name', 'stages', 'sort', 'archived_at'])
      .where('county_id', '=', auth.user.countyId)
      .where(
        'code',
        'in',
        values.map((v) => v.code),
      )
      .execute();
    return new Map(rows.map((r) => [r.code, r as unknown as SubjectValues]));
  },
  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('subjects')
      .select(['code', 'name', 'stages', 'sort'])
      .where('county_id', '=', auth.user.countyId)
      .where('archived_at', 'is', null);
    if (filters.stage) q = q.where((eb) => eb(eb.val(String(filters.stage)), '=', eb.fn.any('stages')));
    return q.orderBy('sort').orderBy('code').execute();
  },
});
