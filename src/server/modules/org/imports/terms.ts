import { labelOf, TERM_KINDS } from '../../../../common/org/enums.js';
import type { ColumnSpec, ParsedRow } from '../../../../common/tabular/types.js';
import type { Db } from '../../../db/pool.js';
import type { ImportKind, RowError } from '../../../platform/import/kinds.js';
import { orgPolicy } from '../policy.js';
import { termKindColumn } from './columns.js';
import { hasColumn, type SchoolYearRef, schoolYearsByName, yearKey } from './context.js';

export const termColumns: ColumnSpec[] = [
  {
    key: 'schoolYear',
    header: '学年',
    headerEn: 'School year',
    required: true,
    type: 'text',
    pattern: {
      regex: /^\d{4}-\d{4}(学年)?$/,
      message: '学年应按 2025-2026 的格式填写',
      messageEn: 'Write the school year as 2025-2026',
    },
    example: '2025-2026',
    note: '相邻的两个年份；学年的起止日期取其各学期日期的最早和最晚，不存在的学年自动建立',
  },
  termKindColumn('kind'),
  { key: 'startDate', header: '开始日期', headerEn: 'Start date', required: true, type: 'date', example: '2025-09-01' },
  { key: 'endDate', header: '结束日期', headerEn: 'End date', required: true, type: 'date', example: '2026-01-20' },
  {
    key: 'isCurrent',
    header: '当前学期',
    headerEn: 'Current term',
    type: 'bool',
    example: '是',
    note: '最多一行填“是”：该学期和它的学年成为当前学期、当前学年，其他学期不再是当前学期；填“否”取消；不填不改变',
  },
];

type TermsItem =
  | { type: 'year'; op: 'create' | 'update'; id?: number; name: string; startDate: string; endDate: string }
  | {
      type: 'term';
      op: 'create' | 'update';
      id?: number;
      yearName: string;
      kind: string;
      startDate: string;
      endDate: string;
      /** false: stops being the current term; null: unchanged (true is the `current` item). */
      current: false | null;
    }
  | { type: 'current'; yearName: string; kind: string };

interface FileTerm {
  row: ParsedRow;
  yearName: string;
  kind: string;
  startDate: string;
  endDate: string;
  isCurrent: boolean | null;
}

/** 2025-2026 + first → 2025-2026学年上学期, as the registry names terms. */
function termName(yearName: string, kind: string): string {
  return `${yearName}学年${labelOf(TERM_KINDS, kind)}`;
}

/**
 * 学年学期: one row per term, natural key (学年, 学期); only the county's 教育局管理员 imports them. Two tables are
 * written, so this is a kind of its own rather than an upsert of one table:
 * - 学年 is two consecutive years (2025-2026); the term's dates lie in those two calendar years, end after start;
 * - a school year's dates are the earliest start and latest end of its terms: a missing school year is created, an
 *   existing one is extended (never shrunk) to hold its terms; school years must not overlap, and in a year the
 *   上学期 ends before the 下学期 starts;
 * - 当前学期 = 是 on at most one row makes that term and its school year the current ones and clears the others
 *   (the partial unique indexes allow one of each); 否 clears the flag of that term; empty leaves it.
 */
export const termImport: ImportKind<TermsItem> = {
  kind: 'terms',
  label: { zh: '学年学期', en: 'School years and terms' },
  sheetName: '学年学期',
  columns: termColumns,
  keyColumns: ['schoolYear', 'kind'],
  mayImport: orgPolicy.manageCounty,

  async plan(db, auth, rows, progress) {
    const countyId = auth.user.countyId;
    const errors: RowError[] = [];
    const years = await schoolYearsByName(db, countyId);
    const storedTerms = await db
      .selectFrom('terms')
      .select(['id', 'school_year_id', 'kind', 'name', 'start_date', 'end_date', 'is_current'])
      .where('county_id', '=', countyId)
      .execute();
    const termOf = (yearId: number, kind: string) =>
      storedTerms.find((t) => t.school_year_id === yearId && t.kind === kind);

    // Cell-level rules of each row.
    const accepted: FileTerm[] = [];
    let currentRow: number | undefined;
    const seen = new Map<string, number>();
    for (const row of rows) {
      const v = row.values as {
        schoolYear: string;
        kind: string;
        startDate: string;
        endDate: string;
        isCurrent?: boolean | null;
      };
      const at = (column: string, message: string) => errors.push({ row: row.rowNumber, column, message });
      const yearName = yearKey(v.schoolYear);
      const [y1, y2] = yearName.split('-').map(Number);
      if (y2 !== y1 + 1) {
        at('学年', `学年“${v.schoolYear}”应为相邻的两个年份，如 ${y1}-${y1 + 1}`);
        continue;
      }
      const first = seen.get(`${yearName}:${v.kind}`);
      if (first !== undefined) {
        at('学年 + 学期', `第 ${row.rowNumber} 行与第 ${first} 行是同一学期`);
        continue;
      }
      seen.set(`${yearName}:${v.kind}`, row.rowNumber);
      let ok = true;
      for (const [column, date] of [
        ['开始日期', v.startDate],
        ['结束日期', v.endDate],
      ] as const) {
        const year = Number(date.slice(0, 4));
        if (year !== y1 && year !== y2) {
          at(column, `${column}“${date}”应在 ${y1} 年或 ${y2} 年内（${yearName}学年）`);
          ok = false;
        }
      }
      if (!ok) continue;
      if (v.endDate <= v.startDate) {
        at('结束日期', `结束日期“${v.endDate}”应晚于开始日期“${v.startDate}”`);
        continue;
      }
      if (v.isCurrent === true) {
        if (currentRow !== undefined) {
          at('当前学期', `只能有一行标记为当前学期（第 ${currentRow} 行已标记）`);
          continue;
        }
        currentRow = row.rowNumber;
      }
      accepted.push({
        row,
        yearName,
        kind: v.kind,
        startDate: v.startDate,
        endDate: v.endDate,
        isCurrent: hasColumn(row, 'isCurrent') ? (v.isCurrent ?? null) : null,
      });
    }

    // Each school year as it will be: its terms (stored, overlaid with the file's) and its dates.
    const byYear = new Map<string, FileTerm[]>();
    for (const t of accepted) byYear.set(t.yearName, [...(byYear.get(t.yearName) ?? []), t]);
    const finalRange = new Map<string, { start: string; end: string }>();
    for (const [name, y] of years) finalRange.set(name, { start: y.startDate, end: y.endDate });
    const badYears = new Set<string>();
    for (const [yearName, fileTerms] of byYear) {
      const stored = years.get(yearName);
      const terms = new Map<string, { start: string; end: string; row?: ParsedRow }>();
      if (stored) {
        for (const t of storedTerms.filter((s) => s.school_year_id === stored.id)) {
          terms.set(t.kind, { start: t.start_date, end: t.end_date });
        }
      }
      for (const t of fileTerms) terms.set(t.kind, { start: t.startDate, end: t.endDate, row: t.row });
      const first = terms.get('first');
      const second = terms.get('second');
      if (first && second && first.end >= second.start) {
        const row = (second.row ?? first.row)!;
        errors.push({
          row: row.rowNumber,
          column: second.row ? '开始日期' : '结束日期',
          message: `${yearName}学年的上学期（${first.start} 至 ${first.end}）与下学期（${second.start} 至 ${second.end}）日期重叠或先后颠倒`,
        });
        badYears.add(yearName);
        continue;
      }
      // ISO dates sort as text: the year spans its earliest start and latest end (a stored year only grows).
      const dates = [...terms.values()].flatMap((t) => [t.start, t.end]);
      if (stored) dates.push(stored.startDate, stored.endDate);
      dates.sort();
      finalRange.set(yearName, { start: dates[0], end: dates[dates.length - 1] });
    }
    for (const [yearName, fileTerms] of byYear) {
      if (badYears.has(yearName)) continue;
      const range = finalRange.get(yearName)!;
      for (const [other, r] of finalRange) {
        if (other === yearName || r.start > range.end || r.end < range.start) continue;
        errors.push({
          row: fileTerms[0].row.rowNumber,
          column: '学年',
          message: `${yearName}学年（${range.start} 至 ${range.end}）与 ${other}学年（${r.start} 至 ${r.end}）日期重叠`,
        });
        badYears.add(yearName);
        break;
      }
    }

    // What changes: school years created or extended, terms created or changed, the current term.
    const items: TermsItem[] = [];
    let create = 0;
    let update = 0;
    let unchanged = 0;
    const currentYear = [...years.values()].find((y) => y.isCurrent);
    for (const [yearName, fileTerms] of byYear) {
      if (badYears.has(yearName)) continue;
      const stored: SchoolYearRef | undefined = years.get(yearName);
      const range = finalRange.get(yearName)!;
      if (!stored)
        items.push({ type: 'year', op: 'create', name: yearName, startDate: range.start, endDate: range.end });
      else if (stored.startDate !== range.start || stored.endDate !== range.end) {
        items.push({
          type: 'year',
          op: 'update',
          id: stored.id,
          name: stored.name,
          startDate: range.start,
          endDate: range.end,
        });
      }
      for (const t of fileTerms) {
        const before = stored ? termOf(stored.id, t.kind) : undefined;
        if (t.isCurrent === true) items.push({ type: 'current', yearName, kind: t.kind });
        const clears = t.isCurrent === false && before?.is_current === true;
        const term = { type: 'term' as const, yearName, kind: t.kind, startDate: t.startDate, endDate: t.endDate };
        if (!before) {
          items.push({ ...term, op: 'create', current: null });
          create++;
          continue;
        }
        const becomesCurrent = t.isCurrent === true && (!before.is_current || currentYear?.id !== stored!.id);
        if (before.start_date === t.startDate && before.end_date === t.endDate && !clears && !becomesCurrent) {
          unchanged++;
          continue;
        }
        items.push({ ...term, op: 'update', id: before.id, current: clears ? false : null });
        update++;
      }
    }
    await progress(rows.length);
    return { items, errors, summary: { create, update, unchanged } };
  },

  async apply(tx, auth, items, progress) {
    const countyId = auth.user.countyId;
    const now = new Date();
    for (const y of items) {
      if (y.type !== 'year') continue;
      if (y.op === 'create') {
        await tx
          .insertInto('school_years')
          .values({ county_id: countyId, name: y.name, start_date: y.startDate, end_date: y.endDate })
          .execute();
      } else {
        await tx
          .updateTable('school_years')
          .set({ start_date: y.startDate, end_date: y.endDate, updated_at: now })
          .where('county_id', '=', countyId)
          .where('id', '=', y.id!)
          .execute();
      }
    }
    const years = await schoolYearsByName(tx, countyId);
    for (const t of items) {
      if (t.type !== 'term') continue;
      const yearId = years.get(t.yearName)!.id;
      if (t.op === 'create') {
        await tx
          .insertInto('terms')
          .values({
            county_id: countyId,
            school_year_id: yearId,
            kind: t.kind,
            name: termName(t.yearName, t.kind),
            start_date: t.startDate,
            end_date: t.endDate,
          })
          .execute();
      } else {
        await tx
          .updateTable('terms')
          .set({
            start_date: t.startDate,
            end_date: t.endDate,
            ...(t.current === false ? { is_current: false } : {}),
            updated_at: now,
          })
          .where('county_id', '=', countyId)
          .where('id', '=', t.id!)
          .execute();
      }
    }
    const current = items.find((i) => i.type === 'current');
    if (current) await makeCurrent(tx, countyId, years.get(current.yearName)!.id, current.kind, now);
    await progress(items.length);
  },

  async exportRows(db, auth, filters) {
    let q = db
      .selectFrom('terms as t')
      .innerJoin('school_years as y', (j) =>
        j.onRef('y.county_id', '=', 't.county_id').onRef('y.id', '=', 't.school_year_id'),
      )
      .select([
        'y.name as schoolYear',
        't.kind',
        't.start_date as startDate',
        't.end_date as endDate',
        't.is_current as isCurrent',
      ])
      .where('t.county_id', '=', auth.user.countyId);
    if (filters.schoolYearId) q = q.where('t.school_year_id', '=', Number(filters.schoolYearId));
    const rows = await q.orderBy('t.start_date').execute();
    return rows.map((r) => ({ ...r, schoolYear: yearKey(r.schoolYear) }));
  },
};

/**
 * Makes one term and its school year the county's current ones. Flags are cleared before they are set (one
 * current row of each is allowed by the partial unique indexes), and only rows whose flag changes are touched.
 */
async function makeCurrent(tx: Db, countyId: number, yearId: number, kind: string, now: Date) {
  const term = await tx
    .selectFrom('terms')
    .select('id')
    .where('county_id', '=', countyId)
    .where('school_year_id', '=', yearId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('terms')
    .set({ is_current: false, updated_at: now })
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .where('id', '<>', term.id)
    .execute();
  await tx
    .updateTable('school_years')
    .set({ is_current: false, updated_at: now })
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .where('id', '<>', yearId)
    .execute();
  await tx
    .updateTable('school_years')
    .set({ is_current: true, updated_at: now })
    .where('county_id', '=', countyId)
    .where('id', '=', yearId)
    .where('is_current', '=', false)
    .execute();
  await tx
    .updateTable('terms')
    .set({ is_current: true, updated_at: now })
    .where('county_id', '=', countyId)
    .where('id', '=', term.id)
    .where('is_current', '=', false)
    .execute();
}
