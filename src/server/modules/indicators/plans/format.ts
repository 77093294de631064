/**
 * How numbers read in documents: a 'percent' value is a fraction shown ×100 with one decimal ("95.3%"), a change in
 * a percent is in percentage points ("+3.5个百分点"), ranks as "第3名", other units with up to two decimals.
 * Null shows as "—" (no data), never 0.
 */
export function formatValue(unit: string, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'percent') return `${round(v * 100, 1)}%`;
  if (unit === 'rank') return `第${round(v, 0)}名`;
  const suffix: Record<string, string> = {
    count: '',
    minutes: '分钟',
    hours: '学时',
    days: '天',
    score: '分',
    yuan: '元',
    index: '',
  };
  return `${round(v, 2)}${suffix[unit] ?? ''}`;
}

export function formatGap(unit: string, g: number | null): string {
  if (g === null) return '—';
  const sign = g > 0 ? '+' : '';
  if (unit === 'percent') return `${sign}${round(g * 100, 1)}个百分点`;
  return `${sign}${round(g, 2)}`;
}

function round(v: number, digits: number): string {
  const f = 10 ** digits;
  return String(Math.round(v * f + (v >= 0 ? 1e-9 : -1e-9)) / f);
}

export const STATUS_LABEL = { green: '已达成', amber: '按进度推进', red: '落后', grey: '暂无数据' } as const;
