/**
 * A visit's result from its sheets (pure): the engine's combination of the external inspectors' sheets, the grade,
 * the self-assessment beside it, and the findings that propose problems.
 */
import {
  type CombinedResult,
  combineSheets,
  compareSelfExternal,
  gradeOf,
  leaves,
  proposedFindings,
  type SelfExternalRow,
  type SheetResult,
  type SpreadRule,
  scoreSheet,
  type Template,
} from '../../../../common/inspections/index.js';
import type { Answers } from '../../../../common/inspections/scoring.js';

export interface VisitResult {
  /** Submitted external sheets combined (null when none). */
  combined: CombinedResult | null;
  /** Mean of the inspectors' totals (each after its own caps). */
  total: number | null;
  max: number;
  /**
   * The visit's grade: the template's veto grade when any inspector's sheet triggered a `fail` veto (a veto is not
   * averaged away; the school may object), else the grade of the mean total.
   */
  grade: string | null;
  vetoed: boolean;
  self: SheetResult | null;
  selfVsExternal: { rows: SelfExternalRow[]; total: SelfExternalRow } | null;
  findings: Finding[];
}

export interface Finding {
  code: string;
  title: string;
  reason: 'veto' | 'failed' | 'low';
  /** Combined score ÷ full points of the leaf (mean over inspectors). */
  ratio: number | null;
  /** Inspectors whose sheet proposed it. */
  count: number;
}

export function visitResult(
  t: Template,
  external: Answers[],
  self: Answers | null,
  schoolType: string | undefined,
  spread: SpreadRule,
  lowRatio: number,
): VisitResult {
  const sheets = external.map((a) => scoreSheet(t, a, schoolType));
  const selfSheet = self ? scoreSheet(t, self, schoolType) : null;
  if (sheets.length === 0) {
    return {
      combined: null,
      total: null,
      max: t.maxScore,
      grade: null,
      vetoed: false,
      self: selfSheet,
      selfVsExternal: null,
      findings: [],
    };
  }
  const combined = combineSheets(sheets, spread);
  const vetoed = sheets.some((s) => s.vetoed);
  const total = combined.total.mean;
  const lowest = t.grades[t.grades.length - 1]?.label ?? null;
  const grade = vetoed ? (t.vetoGrade ?? lowest) : gradeOf(t.grades, total);
  const titles = new Map(leaves(t.criteria).map((c) => [c.code, c.title]));
  const found = new Map<string, Finding>();
  for (const s of sheets) {
    for (const f of proposedFindings(t, s, lowRatio)) {
      const prev = found.get(f.code);
      const node = combined.nodes[f.code];
      const ratio =
        node && node.mean !== null && node.full > 0 ? Number((node.mean / node.full).toPrecision(12)) : null;
      const reason = prev && prev.reason === 'veto' ? 'veto' : f.reason;
      found.set(f.code, {
        code: f.code,
        title: titles.get(f.code) ?? f.code,
        reason,
        ratio,
        count: (prev?.count ?? 0) + 1,
      });
    }
  }
  // A "mean" sheet for the comparison: every node's combined mean, as the external side.
  const meanSheet: SheetResult = {
    ...sheets[0],
    nodes: Object.fromEntries(
      Object.entries(sheets[0].nodes).map(([code, n]) => [code, { ...n, score: combined.nodes[code]?.mean ?? null }]),
    ),
    total,
  };
  return {
    combined,
    total,
    max: sheets[0].max,
    grade,
    vetoed,
    self: selfSheet,
    selfVsExternal: selfSheet ? compareSelfExternal(selfSheet, meanSheet) : null,
    findings: [...found.values()].sort((a, b) => order(t, a.code) - order(t, b.code)),
  };
}

function order(t: Template, code: string): number {
  return leaves(t.criteria).findIndex((c) => c.code === code);
}
