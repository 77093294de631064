import { sql } from 'kysely';
import { labelOf, REGION_LEVELS } from '../../../../common/org/enums.js';
import type { ColumnSpec, ParsedRow } from '../../../../common/tabular/types.js';
import { regionVisible } from '../../../platform/auth/scope-sql.js';
import type { ImportKind, RowError } from '../../../platform/import/kinds.js';
import { orgPolicy } from '../policy.js';

export const regionColumns: ColumnSpec[] = [
  {
    key: 'code',
    header: '区域代码',
    headerEn: 'Region code',
    required: true,
    type: 'text',
    pattern: { regex: /^[0-9A-Za-z_-]{1,40}$/, message: '区域代码应为 1–40 位字母、数字、下划线或连字符' },
    example: '330101-01',
  },
  {
    key: 'name',
    header: '区域名称',
    headerEn: 'Region name',
    required: true,
    type: 'text',
    maxLength: 40,
    example: '城关学区',
  },
  {
    key: 'level',
    header: '级别',
    headerEn: 'Level',
    required: true,
    type: 'enum',
    options: REGION_LEVELS,
    example: '学区',
    note: '只能导入学区；区县及以上的区域不能通过导入建立或修改',
  },
  {
    key: 'parentCode',
    header: '上级区域代码',
    headerEn: 'Parent region code',
    required: true,
    type: 'text',
    example: '330101',
    note: '本区县的区域代码，或另一个学区的代码（可以是同一文件中的学区）',
  },
  {
    key: 'sort',
    header: '排序',
    headerEn: 'Sort order',
    type: 'int',
    min: 0,
    max: 100000,
    example: '1',
    note: '数字小的排在前面；不填时新学区为 0，已有学区保持原值',
  },
];

interface RegionItem {
  op: 'create' | 'update';
  /** The stored row, for an update. */
  id?: number;
  code: string;
  name: string;
  parentCode: string;
  sort: number;
  /** Distance from the county in the tree after the import: parents are written before their children. */
  depth: number;
}

interface StoredRegion {
  id: number;
  code: string;
  name: string;
  level: string;
  parent_id: number | null;
  sort: number;
  archived: boolean;
}

/**
 * 学区 (districts) of the importer's county, upserted on 区域代码. Only the county's 教育局管理员 imports them.
 * Rules:
 * - only rows of level 学区: the county row and provinces/cities above it are not the county's to change;
 * - regions.code is unique across the deployment: a code of another county (or of a province/city) is an error;
 * - the parent is the county itself or a 学区 of the county, existing or in the same file (a new sub-tree can be
 *   imported in one file, in any row order); a parent chain that loops is an error;
 * - an archived 学区 named in the file is restored (the file is the truth); an archived parent is an error.
 */
export const regionImport: ImportKind<RegionItem> = {
  kind: 'regions',
  label: { zh: '区域', en: 'Regions' },
  sheetName: '区域',
  columns: regionColumns,
  keyColumns: ['code'],
  mayImport: orgPolicy.manageCounty,

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const stored = await db
      .selectFrom('regions')
      .select([
        'id',
        'code',
        'name',
        'level',
        'parent_id',
        'sort',
        sql<boolean>`archived_at IS NOT NULL`.as('archived'),
      ])
      .where('county_id', '=', countyId)
      .execute();
    const byCode = new Map<string, StoredRegion>(stored.map((r) => [r.code, r]));
    const byId = new Map<number, StoredRegion>(stored.map((r) => [r.id, r]));
    const county = byId.get(countyId);
    if (!county) {
      return {
        items: [],
        errors: [{ row: 0, column: '', message: '找不到本区县的区域记录' }],
        summary: { create: 0, update: 0, unchanged: 0 },
      };
    }
    // Codes the file names that belong to other counties or to the levels above the county.
    const named = [...new Set(rows.flatMap((r) => [String(r.values.code), String(r.values.parentCode)]))];
    const foreign = new Set(
      named.length === 0
        ? []
        : (
            await db
              .selectFrom('regions')
              .select('code')
              .where('code', 'in', named)
              .where((eb) => eb.or([eb('county_id', 'is', null), eb('county_id', '<>', countyId)]))
              .execute()
          ).map((r) => r.code),
    );

    type Accepted = { row: ParsedRow; code: string; name: string; parentCode: string; sort: number | null };
    const accepted: Accepted[] = [];
    const fileCodes = new Set(rows.map((r) => String(r.values.code)));
    for (const row of rows) {
      const v = row.values as { code: string; name: string; level: string; parentCode: string; sort?: number | null };
      const at = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
      if (v.level !== 'district') {
        at('级别', `只能导入学区，“${labelOf(REGION_LEVELS, v.level)}”级别的区域不能通过导入建立或修改`);
        continue;
      }
      if (foreign.has(v.code)) {
        at('区域代码', `区域代码“${v.code}”已被其他区县或上级区域使用`);
        continue;
      }
      const self = byCode.get(v.code);
      if (self && self.level !== 'district') {
        at('区域代码', `区域代码“${v.code}”是本区县自身的代码，不能作为学区导入`);
        continue;
      }
      if (v.parentCode === v.code) {
        at('上级区域代码', '上级区域不能是自己');
        continue;
      }
      const parent = byCode.get(v.parentCode);
      if (v.parentCode !== county.code && !fileCodes.has(v.parentCode)) {
        if (foreign.has(v.parentCode)) {
          at('上级区域代码', `上级区域代码“${v.parentCode}”不属于本区县`);
          continue;
        }
        if (!parent) {
          at('上级区域代码', `上级区域代码“${v.parentCode}”不存在`);
          continue;
        }
        if (parent.archived) {
          at('上级区域代码', `上级学区“${parent.name}”已归档，请先恢复或改填其他上级区域`);
          continue;
        }
      }
      accepted.push({ row, code: v.code, name: v.name, parentCode: v.parentCode, sort: v.sort ?? null });
    }

    // The tree after the import: stored 学区 (not archived) overlaid with the file's rows.
    const parentOf = new Map<string, string>();
    for (const r of stored) {
      if (r.level === 'district' && !r.archived && r.parent_id != null) {
        const p = byId.get(r.parent_id);
        if (p) parentOf.set(r.code, p.code);
      }
    }
    for (const a of accepted) parentOf.set(a.code, a.parentCode);

    const items: RegionItem[] = [];
    let unchanged = 0;
    for (const a of accepted) {
      const path = [a.code];
      let at = a.parentCode;
      while (at !== county.code && !path.includes(at)) {
        path.push(at);
        const up = parentOf.get(at);
        if (up === undefined) break;
        at = up;
      }
      if (at !== county.code) {
        const message = path.includes(at)
          ? `上级区域形成循环：${[...path, at].join(' → ')}`
          : `上级区域代码“${a.parentCode}”不在本区县的区域树中`;
        errors.push({ row: a.row.rowNumber, column: '上级区域代码', message });
        continue;
      }
      const before = byCode.get(a.code);
      const item = { code: a.code, name: a.name, parentCode: a.parentCode, depth: path.length };
      if (!before) {
        items.push({ op: 'create', ...item, sort: a.sort ?? 0 });
        continue;
      }
      const sort = a.sort ?? before.sort;
      const beforeParent = before.parent_id == null ? null : byId.get(before.parent_id)?.code;
      if (before.name === a.name && beforeParent === a.parentCode && before.sort === sort && !before.archived)
        unchanged++;
      else items.push({ op: 'update', id: before.id, ...item, sort });
    }
    await progress(rows.length);
    const create = items.filter((i) => i.op === 'create').length;
    return { items, errors, summary: { create, update: items.length - create, unchanged } };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    const ids = new Map(
      (await tx.selectFrom('regions').select(['id', 'code']).where('county_id', '=', countyId).execute()).map((r) => [
        r.code,
        r.id,
      ]),
    );
    const depths = [...new Set(items.map((i) => i.depth))].sort((a, b) => a - b);
    let done = 0;
    for (const depth of depths) {
      const level = items.filter((i) => i.depth === depth);
      const creates = level.filter((i) => i.op === 'create');
      if (creates.length > 0) {
        const inserted = await tx
          .insertInto('regions')
          .values(
            creates.map((i) => ({
              county_id: countyId,
              parent_id: ids.get(i.parentCode)!,
              level: 'district',
              code: i.code,
              name: i.name,
              sort: i.sort,
            })),
          )
          .returning(['id', 'code'])
          .execute();
        for (const r of inserted) ids.set(r.code, r.id);
      }
      for (const i of level.filter((x) => x.op === 'update')) {
        await tx
          .updateTable('regions')
          .set({
            parent_id: ids.get(i.parentCode)!,
            name: i.name,
            sort: i.sort,
            archived_at: null,
            updated_at: new Date(),
          })
          .where('county_id', '=', countyId)
          .where('id', '=', i.id!)
          .execute();
      }
      done += level.length;
      await progress(done);
    }
  },

  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('regions as r')
      .innerJoin('regions as p', 'p.id', 'r.parent_id')
      .select(['r.code', 'r.name', 'r.level', 'p.code as parentCode', 'r.sort'])
      .where('r.county_id', '=', auth.user.countyId)
      .where('r.level', '=', 'district')
      .where('r.archived_at', 'is', null)
      // The county's admin sees every 学区, also one created since their scope was resolved (it may be cached).
      .where(orgPolicy.manageCounty(auth) ? sql<boolean>`true` : regionVisible(auth.scope, 'r.id'));
    if (filters.parentId) q = q.where('r.parent_id', '=', Number(filters.parentId));
    return q.orderBy('r.sort').orderBy('r.code').execute();
  },
};
