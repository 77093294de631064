import {
  type Block,
  buildDocx,
  chartBlock,
  docTitle,
  Footnotes,
  heading,
  para,
  renderChart,
  table,
} from '../../platform/documents/index.js';
import type { CampaignResults, Cell } from './results.js';

/**
 * 满意度通报 (seed-004 §6 item 1: per wave, with the school ranking, dimension scores and named problems). Sections:
 * 一 总体情况 (county rate, 不了解 share, index with intervals, respondents), 二 各维度 (chart and table),
 * 三 学校排名 (every ranked school; top and bottom N named), 四 与上轮相比, 五 改进优先级 (the drivers' priority
 * quadrant), 六 说明 (口径: the formula, 不了解 excluded, suppression below 10). Only published cells appear.
 */
const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : `${(x * 100).toFixed(1)}%`);
const one = (x: number | null | undefined) => (x === null || x === undefined ? null : x.toFixed(1));
const ci = (c: { low: number; high: number } | null, f: (x: number) => string) =>
  c ? `${f(c.low)}–${f(c.high)}` : null;

function rateText(c: Cell): string {
  if (c.suppressed) return '（不足10人，不公布）';
  return `满意率 ${pct(c.rate) ?? '—'}（95% 区间 ${ci(c.rateCi, (x) => (x * 100).toFixed(1)) ?? '—'}），不了解占 ${pct(c.unknownShare) ?? '—'}，满意度指数 ${one(c.index) ?? '—'}`;
}

export async function bulletinDocx(r: CampaignResults, countyName: string, asOf: string): Promise<Buffer> {
  const notes = new Footnotes();
  const top =
    r.groups.find((g) => g.level === 'county') ?? r.groups.find((g) => g.parentId === null && g.level !== 'class');
  const scale = r.ranking.measure === 'rate' ? 100 : 1;
  const unit = r.ranking.measure === 'rate' ? '%' : '';
  const blocks: Block[] = [
    ...docTitle(`${r.campaign.title}情况通报`, `${countyName}教育局 · ${asOf}`),
    heading('一、总体情况'),
    para(
      top
        ? `${top.name}共回收有效答卷 ${top.respondents ?? '—'} 份。总体评价：${rateText(top.overall)}。`
        : '本次测评暂无可公布的汇总结果。',
      notes.ref('满意率 =（满意 + 基本满意）÷（满意 + 基本满意 + 不满意），“不了解”不计入分母，单独报告其占比。'),
    ),
    heading('二、各维度情况'),
  ];
  if (top && !top.suppressed) {
    const dims = r.dimensions.map((d) => ({ d, c: top.dimensions[d] }));
    blocks.push(
      table(
        [
          { title: '维度', width: 2 },
          { title: '满意率', align: 'right' },
          { title: '95% 区间', align: 'right' },
          { title: '不了解', align: 'right' },
          { title: '指数(0–100)', align: 'right' },
        ],
        dims.map(({ d, c }) =>
          c && !c.suppressed
            ? [d, pct(c.rate), ci(c.rateCi, (x) => (x * 100).toFixed(1)), pct(c.unknownShare), one(c.index)]
            : [d, '不公布', null, null, null],
        ),
      ),
      ...chartBlock(
        renderChart({
          grid: { left: 110, right: 30, top: 20, bottom: 30 },
          xAxis: { type: 'value', min: 0, max: 100 },
          yAxis: { type: 'category', data: dims.map((x) => x.d).reverse() },
          series: [
            {
              type: 'bar',
              data: dims.map(({ c }) => (c && !c.suppressed ? Number(one(c.index)) : null)).reverse(),
              label: { show: true, position: 'right' },
            },
          ],
        }),
        '图1 各维度满意度指数（0–100）',
      ),
    );
  } else blocks.push(para('各维度结果不足公布人数。'));
  blocks.push(heading('三、学校排名'));
  if (r.ranking.all.length === 0) blocks.push(para('参与排名的学校不足（每校至少 10 份答卷）。'));
  else {
    const name = (xs: { name: string }[]) => xs.map((x) => x.name).join('、');
    blocks.push(
      para(`前 ${r.ranking.top.length} 名：${name(r.ranking.top)}。`),
      para(
        `后 ${r.ranking.bottom.length} 名：${name(r.ranking.bottom)}。`,
        notes.ref('名次按总体满意率由高到低，并列取相同名次；答卷不足 10 份的学校不参与排名。'),
      ),
      table(
        [
          { title: '名次', align: 'center' },
          { title: '学校', width: 3 },
          { title: r.ranking.measure === 'rate' ? '满意率' : '指数', align: 'right' },
          { title: '95% 区间', align: 'right' },
        ],
        r.ranking.all.map((x) => [
          x.rank,
          x.name,
          `${(x.value * scale).toFixed(1)}${unit}`,
          ci(x.ci, (v) => (v * scale).toFixed(1)),
        ]),
      ),
    );
    if (r.ranking.excluded.length > 0)
      blocks.push(para(`未参与排名（答卷不足 10 份）：${r.ranking.excluded.map((x) => x.name).join('、')}。`));
  }
  const changed = r.changes.filter((c) => c.change);
  if (changed.length > 0) {
    blocks.push(
      heading('四、与上一轮相比'),
      table(
        [
          { title: '学校', width: 3 },
          { title: '上轮', align: 'right' },
          { title: '本轮', align: 'right' },
          { title: '变化', align: 'right' },
          { title: '区间是否重叠', align: 'center' },
        ],
        changed.map((c) => [
          c.name,
          `${(c.change!.previous * scale).toFixed(1)}${unit}`,
          `${(c.change!.current * scale).toFixed(1)}${unit}`,
          `${c.change!.difference >= 0 ? '+' : ''}${(c.change!.difference * scale).toFixed(1)}`,
          c.change!.overlap === null ? null : c.change!.overlap ? '重叠' : '不重叠',
        ]),
      ),
    );
  }
  const priority = r.drivers.filter((d) => !d.suppressed && d.quadrant === 'priority').map((d) => d.dimension);
  blocks.push(
    heading('五、改进重点'),
    para(
      priority.length > 0
        ? `与总体评价关联较强而得分偏低、应优先改进的维度：${priority.join('、')}。`
        : '未发现与总体评价关联强而得分偏低的维度。',
      notes.ref(
        '重要性 = 各维度得分与总体评价得分的相关系数；表现 = 该维度指数；两者分别以各维度平均值为界划分四个象限。',
      ),
    ),
    heading('六、说明'),
    para(
      '满意度指数：满意 = 100、基本满意 = 50、不满意 = 0（“不了解”不计），五级量表与 0–10 分按比例换算到 0–100，取答卷人平均，95% 区间按 t 分布计算。',
    ),
    para('为保护答卷人匿名，任何答卷不足 10 份的班级、学校或分组均不公布，并对可能据此推算的相邻分组一并不公布。'),
  );
  return buildDocx({ title: `${r.campaign.title}情况通报`, creator: countyName, blocks, footnotes: notes });
}
