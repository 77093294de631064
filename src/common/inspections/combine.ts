/**
 * Several inspectors on one school (combined result with the spread shown), and self-assessment (自评) against the
 * external result side by side (anchors-platform §7: the 质量评价指南's "self + external" combination).
 */
import type { SheetResult } from './scoring.js';

/** Rounds to 12 significant digits against binary noise. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * When a spread is too wide: the range (max − min) strictly exceeds `value` points, or `value` × the node's max
 * (`fraction`). Data, set per template or plan.
 */
export type SpreadRule = { kind: 'points'; value: number } | { kind: 'fraction'; value: number };

/** Mean and spread of one node's score across sheets. Null-score sheets are left out of every figure. */
export interface NodeSpread {
  code: string;
  /** Sheets with a score for this node. */
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  range: number | null;
  /** The node's full points (from the first sheet that scores it). */
  full: number;
  /** The range exceeds the spread rule (inspectors disagree; review before publishing). */
  flagged: boolean;
}

export interface CombinedResult {
  nodes: Record<string, NodeSpread>;
  /** Mean, min, max and range of the sheets' totals (after each sheet's veto caps). */
  total: NodeSpread;
  /** Codes of flagged nodes, in the order of the first sheet. */
  flagged: string[];
  /** Veto items triggered by at least one inspector, with how many did. */
  vetoes: { code: string; count: number }[];
}

/** Mean / min / max / range of the non-null values, flagged per the rule. */
export function spreadOf(code: string, values: (number | null)[], full: number, rule: SpreadRule): NodeSpread {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return { code, n: 0, mean: null, min: null, max: null, range: null, full, flagged: false };
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const range = clean(max - min);
  const limit = rule.kind === 'points' ? rule.value : rule.value * full;
  return {
    code,
    n: xs.length,
    mean: clean(xs.reduce((s, x) => s + x, 0) / xs.length),
    min,
    max,
    range,
    full,
    flagged: range > clean(limit),
  };
}

/**
 * Combines sheets scored against the same template version. Rule: the combined score of every node (leaf, branch)
 * is the plain mean of the inspectors' scores for that node, and the combined total is the mean of their totals
 * (each after its own veto caps) — so a veto that one inspector triggered shows in `vetoes` with its count rather
 * than being silently averaged away. Refuses sheets of different templates or versions.
 */
export function combineSheets(sheets: SheetResult[], rule: SpreadRule): CombinedResult {
  if (sheets.length === 0) throw new Error('没有可合并的评分表');
  const { templateId, templateVersion } = sheets[0];
  if (sheets.some((s) => s.templateId !== templateId || s.templateVersion !== templateVersion)) {
    throw new Error('只能合并同一模板同一版本的评分表');
  }
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const s of sheets) {
    for (const code of Object.keys(s.nodes)) {
      if (!seen.has(code)) {
        seen.add(code);
        codes.push(code);
      }
    }
  }
  const nodes: Record<string, NodeSpread> = {};
  const flagged: string[] = [];
  for (const code of codes) {
    const full = sheets.find((s) => s.nodes[code]?.score != null)?.nodes[code].max ?? 0;
    const sp = spreadOf(
      code,
      sheets.map((s) => s.nodes[code]?.score ?? null),
      full,
      rule,
    );
    nodes[code] = sp;
    if (sp.flagged) flagged.push(code);
  }
  const fullTotal = Math.max(0, ...sheets.map((s) => s.max));
  const total = spreadOf(
    '',
    sheets.map((s) => s.total),
    fullTotal,
    rule,
  );
  const counts = new Map<string, number>();
  for (const s of sheets) for (const v of s.vetoes) counts.set(v.code, (counts.get(v.code) ?? 0) + 1);
  return { nodes, total, flagged, vetoes: [...counts].map(([code, count]) => ({ code, count })) };
}

/** One node in a self vs external comparison; `diff` = external − self (negative: the school rated itself higher). */
export interface SelfExternalRow {
  code: string;
  self: number | null;
  external: number | null;
  max: number;
  diff: number | null;
}

/**
 * Self-assessment vs external, per node and for the total: diff = external − self, null when either side has no
 * score. Rows follow the external sheet's order, then codes only the self sheet has.
 */
export function compareSelfExternal(
  self: SheetResult,
  external: SheetResult,
): { rows: SelfExternalRow[]; total: SelfExternalRow } {
  const codes = [...Object.keys(external.nodes), ...Object.keys(self.nodes).filter((c) => !(c in external.nodes))];
  const row = (code: string, a: number | null, b: number | null, max: number): SelfExternalRow => ({
    code,
    self: a,
    external: b,
    max,
    diff: a === null || b === null ? null : clean(b - a),
  });
  const rows = codes.map((code) =>
    row(
      code,
      self.nodes[code]?.score ?? null,
      external.nodes[code]?.score ?? null,
      external.nodes[code]?.max ?? self.nodes[code]?.max ?? 0,
    ),
  );
  return { rows, total: row('', self.total, external.total, external.max || self.max) };
}
