/** The value written into an xlsx cell for a stored value. */
import { formatValue, type Lang } from '../../../common/tabular/format.js';
import { neutralizeFormula } from '../../../common/tabular/neutralize.js';
import type { ColumnSpec } from '../../../common/tabular/types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An xlsx cell value: numbers as numbers, dates of date columns as real dates (UTC midnight), everything else as
 * text neutralised against formulas (a leading = + - @ gets a `'`). `asText` keeps dates as text (templates).
 */
export function xlsxCellValue(
  spec: ColumnSpec,
  value: unknown,
  lang: Lang,
  asText = false,
): string | number | Date | null {
  const shown = formatValue(spec, value, lang);
  if (shown === null || typeof shown === 'number') return shown;
  const iso = spec.type === 'date' && !asText ? ISO_DATE.exec(shown) : null;
  if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  return neutralizeFormula(shown);
}
