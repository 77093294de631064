import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../../common/tabular/neutralize.js';
import type { CampaignResults, Cell } from './results.js';

/**
 * The results workbook: 汇总 (every published group: respondents, overall rate and index with intervals, 不了解
 * share), 维度 (rate and index per dimension per group), 排名 (schools), 意见 (comments found by the query). A
 * suppressed group shows "（不足10人，不公布）" and no numbers. Texts are neutralised against formula injection.
 */
const HIDDEN = '（不足10人，不公布）';
const LEVEL = { county: '县', region: '学区', school: '学校', class: '班级' } as const;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);
const one = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

function cellCols(c: Cell): (string | number | null)[] {
  if (c.suppressed) return [HIDDEN, null, null, null, null, null];
  return [
    pct(c.rate),
    pct(c.rateCi?.low),
    pct(c.rateCi?.high),
    pct(c.unknownShare),
    one(c.index),
    c.indexCi ? `${one(c.indexCi.low)}–${one(c.indexCi.high)}` : null,
  ];
}

export async function resultsWorkbook(
  r: CampaignResults,
  comments: { schoolName: string; question: string; text: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const text = (s: string) => neutralizeFormula(s);
  const summary = wb.addWorksheet('汇总');
  summary.addRow([
    '层级',
    '名称',
    '答卷数',
    '满意率%',
    '95%下限',
    '95%上限',
    '不了解占比%',
    '指数(0–100)',
    '指数95%区间',
  ]);
  for (const g of r.groups) summary.addRow([LEVEL[g.level], text(g.name), g.respondents, ...cellCols(g.overall)]);
  const dims = wb.addWorksheet('维度');
  dims.addRow(['层级', '名称', '维度', '满意率%', '95%下限', '95%上限', '不了解占比%', '指数(0–100)', '指数95%区间']);
  for (const g of r.groups)
    for (const d of r.dimensions)
      dims.addRow([LEVEL[g.level], text(g.name), d, ...cellCols(g.dimensions[d] ?? { suppressed: true })]);
  const rank = wb.addWorksheet('排名');
  rank.addRow(['名次', '学校', '满意率/指数', '95%下限', '95%上限', '倒数名次']);
  const scale = r.ranking.measure === 'rate' ? 100 : 1;
  for (const x of r.ranking.all)
    rank.addRow([
      x.rank,
      text(x.name),
      one(x.value * scale),
      x.ci ? one(x.ci.low * scale) : null,
      x.ci ? one(x.ci.high * scale) : null,
      x.bottomRank,
    ]);
  for (const x of r.ranking.excluded) rank.addRow([null, text(x.name), x.reason === 'suppressed' ? HIDDEN : '无数据']);
  const com = wb.addWorksheet('意见');
  com.addRow(['学校', '题目', '意见']);
  for (const c of comments) com.addRow([text(c.schoolName), text(c.question), text(c.text)]);
  for (const ws of [summary, dims, rank, com]) {
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col) => {
      col.width = 16;
    });
  }
  com.getColumn(3).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
