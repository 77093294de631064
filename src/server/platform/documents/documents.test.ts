import { describe, expect, it } from 'vitest';
import { renderChart } from './charts.js';
import { buildDocx, chartBlock, docTitle, Footnotes, heading, para, table } from './docx.js';
import { readDocx } from './read-docx.js';

const barOption = {
  xAxis: { type: 'category', data: ['城关小学', '实验小学'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', name: '及格率', data: [91.5, 88.2], label: { show: true } }],
};

describe('server-side charts', () => {
  it('renders an ECharts option to SVG and a PNG of the asked size', () => {
    const chart = renderChart(barOption, 400, 200, 2);
    expect(chart.svg).toContain('<svg');
    expect(chart.svg).toContain('91.5');
    // PNG signature, then the IHDR width/height (big-endian) at bytes 16–23: 2× the CSS size.
    expect(chart.png.subarray(1, 4).toString()).toBe('PNG');
    expect(chart.png.readUInt32BE(16)).toBe(800);
    expect(chart.png.readUInt32BE(20)).toBe(400);
  });
});

describe('Word documents', () => {
  it('writes title, headings, footnoted text, tables with missing values and charts', async () => {
    const notes = new Footnotes();
    const buffer = await buildDocx({
      title: '质量分析报告',
      blocks: [
        ...docTitle('示范县2026年期末质量分析报告', '示范县教育局'),
        heading('一、总体情况'),
        para('全县及格率为 91.5%', notes.ref('来源：学业质量监测，考试 12，计算于 2026-11-23'), '。'),
        table(
          [
            { title: '学校', width: 2 },
            { title: '及格率', align: 'right' },
          ],
          [
            ['城关小学', '91.5%'],
            ['实验小学', null],
          ],
        ),
        ...chartBlock(renderChart(barOption), '图1 各校及格率'),
      ],
      footnotes: notes,
    });
    const doc = await readDocx(buffer);
    expect(doc.text).toContain('示范县2026年期末质量分析报告');
    expect(doc.text).toContain('一、总体情况');
    expect(doc.text).toContain('全县及格率为 91.5%。');
    expect(doc.text.split('\n')).toEqual(
      expect.arrayContaining(['城关小学', '91.5%', '实验小学', '—', '图1 各校及格率']),
    );
    expect(doc.footnotes).toContain('来源：学业质量监测，考试 12，计算于 2026-11-23');
    expect(doc.media).toHaveLength(1);
  });
});
