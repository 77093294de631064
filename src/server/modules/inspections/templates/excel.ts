/**
 * A template as an Excel workbook, both ways. Sheet 「模板」: one row of settings; sheet 「指标」: one row per criterion,
 * the tree given by codes (a criterion's parent is the longest other code it starts with followed by "."):
 *
 *   代码 | 名称 | 权重 | 评分方式 | 满分 | 等级 | 达标线 | 方向 | 单位 | 不合格线 | 一票否决 | 需佐证 | 必填 | 适用学校类型 | 评分说明
 *
 * 评分方式: 分值 / 等级 / 达标 / 阈值 / 文字 (empty on a branch). 等级: "A:优:4;B:良:3.2;D:差:1.2!" (a trailing ! marks
 * a failing level). 方向: ≤ or ≥. 一票否决: 否决 or 封顶:59. Errors name the row in Chinese.
 */
import ExcelJS from 'exceljs';
import type { Criterion, GradeBand, LeafScoring } from '../../../../common/inspections/index.js';
import type { TemplateBody } from '../tables.js';

const KINDS: Record<LeafScoring['kind'], string> = {
  points: '分值',
  levels: '等级',
  passFail: '达标',
  threshold: '阈值',
  text: '文字',
};
const COLUMNS = [
  '代码',
  '名称',
  '权重',
  '评分方式',
  '满分',
  '等级',
  '达标线',
  '方向',
  '单位',
  '不合格线',
  '一票否决',
  '需佐证',
  '必填',
  '适用学校类型',
  '评分说明',
] as const;
const SETTINGS = ['名称', '类别', '计分方式', '满分', '层级名称', '等级段', '否决等级', '适用学校类型'] as const;

export class TemplateSheetError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

const bands = (g: GradeBand[]) =>
  g.map((b) => `${b.label}:${b.min === null || !Number.isFinite(b.min) ? '' : b.min}`).join(';');

/** Writes a template version as a workbook. */
export async function templateToXlsx(category: string, body: TemplateBody): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('模板');
  s.addRow([...SETTINGS]);
  s.addRow([
    body.title,
    category,
    body.aggregation === 'sum' ? '累加' : '加权平均',
    body.maxScore,
    body.levelNames.join('/'),
    bands(body.grades),
    body.vetoGrade ?? '',
    (body.schoolTypes ?? []).join(','),
  ]);
  const c = wb.addWorksheet('指标');
  c.addRow([...COLUMNS]);
  const walk = (cs: Criterion[]) => {
    for (const x of cs) {
      const sc = x.scoring;
      c.addRow([
        x.code,
        x.title,
        x.weight ?? 1,
        sc ? KINDS[sc.kind] : '',
        sc && sc.kind !== 'text' && sc.kind !== 'levels' ? sc.max : '',
        sc?.kind === 'levels'
          ? sc.levels.map((l) => `${l.code}:${l.label}:${l.points}${l.fails ? '!' : ''}`).join(';')
          : '',
        sc?.kind === 'threshold' ? sc.threshold : '',
        sc?.kind === 'threshold' ? (sc.direction === 'atMost' ? '≤' : '≥') : '',
        sc?.kind === 'threshold' ? (sc.unit ?? '') : '',
        sc?.kind === 'points' ? (sc.failBelow ?? '') : '',
        x.veto ? (x.veto.effect === 'fail' ? '否决' : `封顶:${x.veto.cap}`) : '',
        x.evidenceRequired ? '是' : '',
        x.required === false ? '否' : '',
        (x.schoolTypes ?? []).join(','),
        x.guidance ?? '',
      ]);
      if (x.children) walk(x.children);
    }
  };
  walk(body.criteria);
  c.columns.forEach((col, i) => {
    col.width = i === 1 || i === 14 ? 40 : 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const str = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};
const num = (row: number, field: string, v: string): number => {
  const n = Number(v);
  if (v === '' || !Number.isFinite(n)) throw new TemplateSheetError(row, `「${field}」须是数字（“${v}”）`);
  return n;
};

/** Reads a workbook written by templateToXlsx (or filled in by hand). Structure errors throw TemplateSheetError. */
export async function xlsxToTemplate(buffer: Buffer): Promise<{ category: string; body: TemplateBody }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new TemplateSheetError(0, '文件不是有效的 Excel（.xlsx）');
  }
  const s = wb.getWorksheet('模板');
  const c = wb.getWorksheet('指标');
  if (!s || !c) throw new TemplateSheetError(0, '须包含「模板」和「指标」两个工作表');
  const sv = (i: number) => str(s.getRow(2).getCell(i + 1).value);
  const head = (i: number) => str(c.getRow(1).getCell(i + 1).value);
  COLUMNS.forEach((name, i) => {
    if (head(i) !== name) throw new TemplateSheetError(1, `「指标」第 ${i + 1} 列应为「${name}」`);
  });
  const grades: GradeBand[] = sv(5)
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const [label, min] = part.split(':');
      return { label, min: min === undefined || min === '' ? Number.NEGATIVE_INFINITY : num(2, '等级段', min) };
    });
  const flat: { code: string; node: Criterion }[] = [];
  for (let r = 2; r <= c.rowCount; r++) {
    const row = c.getRow(r);
    const v = (i: number) => str(row.getCell(i + 1).value);
    if (!v(0) && !v(1)) continue;
    if (!v(0)) throw new TemplateSheetError(r, '缺少指标代码');
    const node: Criterion = { code: v(0), title: v(1) };
    if (v(2) !== '' && v(2) !== '1') node.weight = num(r, '权重', v(2));
    const kind = (Object.keys(KINDS) as LeafScoring['kind'][]).find((k) => KINDS[k] === v(3));
    if (v(3) && !kind) throw new TemplateSheetError(r, `评分方式「${v(3)}」应为 分值/等级/达标/阈值/文字`);
    if (kind === 'points') {
      node.scoring = { kind, max: num(r, '满分', v(4)), ...(v(9) ? { failBelow: num(r, '不合格线', v(9)) } : {}) };
    } else if (kind === 'passFail') node.scoring = { kind, max: num(r, '满分', v(4)) };
    else if (kind === 'threshold') {
      if (v(7) !== '≤' && v(7) !== '≥') throw new TemplateSheetError(r, '「方向」须为 ≤ 或 ≥');
      node.scoring = {
        kind,
        max: num(r, '满分', v(4)),
        threshold: num(r, '达标线', v(6)),
        direction: v(7) === '≤' ? 'atMost' : 'atLeast',
        ...(v(8) ? { unit: v(8) } : {}),
      };
    } else if (kind === 'levels') {
      node.scoring = {
        kind,
        levels: v(5)
          .split(';')
          .filter(Boolean)
          .map((part) => {
            const fails = part.endsWith('!');
            const [code, label, points] = (fails ? part.slice(0, -1) : part).split(':');
            if (!code || !label) throw new TemplateSheetError(r, `等级「${part}」应写成 代码:名称:分值`);
            return { code, label, points: num(r, '等级分值', points ?? ''), ...(fails ? { fails: true } : {}) };
          }),
      };
    } else if (kind === 'text') node.scoring = { kind };
    if (v(10) === '否决') node.veto = { effect: 'fail' };
    else if (v(10).startsWith('封顶'))
      node.veto = { effect: 'cap', cap: num(r, '封顶分', v(10).split(/[:：]/)[1] ?? '') };
    else if (v(10)) throw new TemplateSheetError(r, '「一票否决」应为 否决 或 封顶:分数');
    if (v(11) === '是') node.evidenceRequired = true;
    if (v(12) === '否') node.required = false;
    if (v(13)) node.schoolTypes = v(13).split(/[,，]/).filter(Boolean);
    if (v(14)) node.guidance = v(14);
    flat.push({ code: node.code, node });
  }
  // Build the tree: the parent of "A1.B2.C3" is the longest listed code that is a dotted prefix of it.
  const byCode = new Map(flat.map((f) => [f.code, f.node]));
  const roots: Criterion[] = [];
  for (const { code, node } of flat) {
    const parts = code.split('.');
    let parent: Criterion | undefined;
    for (let i = parts.length - 1; i > 0 && !parent; i--) parent = byCode.get(parts.slice(0, i).join('.'));
    if (parent) {
      parent.children = [...(parent.children ?? []), node];
      delete parent.scoring;
    } else roots.push(node);
  }
  return {
    category: sv(1) || '其他',
    body: {
      title: sv(0),
      levelNames: sv(4).split('/').filter(Boolean),
      aggregation: sv(2) === '累加' ? 'sum' : 'weightedMean',
      maxScore: num(2, '满分', sv(3)),
      grades,
      ...(sv(6) ? { vetoGrade: sv(6) } : {}),
      ...(sv(7) ? { schoolTypes: sv(7).split(/[,，]/).filter(Boolean) } : {}),
      criteria: roots,
    },
  };
}
