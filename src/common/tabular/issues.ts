/** Collecting the problems of an import, capped so a broken file of 40,000 rows does not flood the user. */
import type { TabularIssue } from './types.js';

/** How many problems an import reports at most; a final note says how many there were in all. */
export const MAX_REPORTED_ERRORS = 1000;

/** The note that ends a capped list of problems (row 0: it concerns no row). */
export function tooManyIssuesNote(total: number, shown: number): TabularIssue {
  return {
    row: 0,
    column: '',
    message: `错误过多：共 ${total} 处，仅列出前 ${shown} 处，请修正后重新导入`,
    messageEn: `Too many errors: ${total} in all, only the first ${shown} are listed; fix them and import again`,
  };
}

/** Collects problems, keeping the first `max` and counting all of them. */
export class IssueCollector {
  readonly items: TabularIssue[] = [];
  count = 0;

  constructor(readonly max: number = MAX_REPORTED_ERRORS) {}

  /** Records a problem (kept only while under the cap, always counted). */
  add(issue: TabularIssue): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(issue);
  }

  /** The kept problems, ending with a note when some were left out. */
  list(): TabularIssue[] {
    return this.count > this.items.length
      ? [...this.items, tooManyIssuesNote(this.count, this.items.length)]
      : this.items;
  }
}

/**
 * Merges lists of problems (e.g. those of parseRows and of findDuplicateKeys), sorted by row, capped at `max`
 * with a final note. Earlier notes of capped lists are dropped and their counts kept.
 */
export function mergeIssues(
  lists: { errors: TabularIssue[]; errorCount?: number }[],
  max = MAX_REPORTED_ERRORS,
): { errors: TabularIssue[]; errorCount: number } {
  const isNote = (e: TabularIssue) => e.row === 0 && e.column === '';
  const all = lists.flatMap((l) => l.errors.filter((e) => !isNote(e)));
  const total = lists.reduce((sum, l) => sum + (l.errorCount ?? l.errors.filter((e) => !isNote(e)).length), 0);
  all.sort((a, b) => a.row - b.row);
  const kept = all.slice(0, max);
  const errors = total > kept.length ? [...kept, tooManyIssuesNote(total, kept.length)] : kept;
  return { errors, errorCount: total };
}
