import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * ECharts rendered on the server (no browser): the same chart options the web pages use become an SVG string
 * (ECharts' server-side rendering) and a PNG (resvg) for Word documents, which need a raster fallback. Chinese
 * labels need a CJK font on the server (Debian: fonts-noto-cjk or fonts-wqy-microhei, see docs/operations.md);
 * without one the PNG shows boxes for Chinese characters, the numbers and layout stay right.
 */
export const CHART_FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', sans-serif";

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** Renders an ECharts option at width × height CSS pixels; the PNG is drawn at `scale`× for print sharpness. */
export function renderChart(option: echarts.EChartsCoreOption, width = 640, height = 360, scale = 2): RenderedChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: width * scale },
      font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    })
      .render()
      .asPng();
    return { svg, png: Buffer.from(png), width, height };
  } finally {
    chart.dispose();
  }
}
