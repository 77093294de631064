import { describe, expect, it } from 'vitest';
import {
  type Criterion,
  countByDepth,
  DEFAULT_GRADE_BANDS,
  publishTemplate,
  reviseTemplate,
  sumMax,
  type Template,
  validateTemplate,
} from './template.js';

function base(criteria: Criterion[], extra: Partial<Template> = {}): Template {
  return {
    id: 't1',
    version: 1,
    status: 'draft',
    title: '测试模板',
    levelNames: ['一级指标', '二级指标', '评估标准'],
    aggregation: 'weightedMean',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    criteria,
    ...extra,
  };
}

const leaf = (code: string, extra: Partial<Criterion> = {}): Criterion => ({
  code,
  title: code,
  scoring: { kind: 'points', max: 10 },
  ...extra,
});

describe('validateTemplate', () => {
  it('accepts a well-formed tree', () => {
    expect(validateTemplate(base([{ code: 'A1', title: 'A1', children: [leaf('A1.1'), leaf('A1.2')] }]))).toEqual([]);
  });

  it('reports duplicate codes, non-positive weights, empty branches and missing scoring', () => {
    const t = base([
      { code: 'A1', title: 'A1', children: [leaf('X'), leaf('X', { weight: 0 })] },
      { code: 'A2', title: 'A2', children: [] },
      { code: 'A3', title: 'A3' },
    ]);
    const msgs = validateTemplate(t).map((i) => i.message);
    expect(msgs).toContain('指标代码「X」重复');
    expect(msgs).toContain('指标「X」的权重必须是正数');
    expect(msgs).toContain('指标「A2」下没有任何下级指标');
    expect(msgs).toContain('指标「A3」既没有下级指标也没有评分方式');
  });

  it('levels must be best first with strictly decreasing points', () => {
    const t = base([
      {
        code: 'L',
        title: 'L',
        scoring: {
          kind: 'levels',
          levels: [
            { code: 'B', label: '良', points: 8 },
            { code: 'A', label: '优', points: 10 },
          ],
        },
      },
    ]);
    expect(validateTemplate(t).map((i) => i.message)).toEqual([
      '指标「L」的等级须从高到低排列且分值严格递减（「良」→「优」）',
    ]);
  });

  it('a veto item must be able to fail, sit on a leaf, and be required', () => {
    const t = base([
      leaf('P', { veto: { effect: 'fail' } }),
      leaf('Q', { veto: { effect: 'fail' }, scoring: { kind: 'passFail', max: 5 }, required: false }),
      { code: 'B', title: 'B', veto: { effect: 'fail' }, children: [leaf('B1')] },
    ]);
    expect(validateTemplate(t).map((i) => i.message)).toEqual([
      '否决项「P」没有不合格的判定（等级须标注不合格，计分项须设不合格线）',
      '否决项「Q」必须为必填',
      '一票否决只能设在末级指标上（「B」）',
    ]);
  });

  it('grade bands strictly decreasing and the lowest covering every total', () => {
    const t = base([leaf('A')], {
      grades: [
        { label: '优秀', min: 90 },
        { label: '良好', min: 90 },
        { label: '合格', min: 60 },
      ],
    });
    expect(validateTemplate(t).map((i) => i.message)).toEqual([
      '等级段须从高到低排列（「优秀」→「良好」）',
      '最低等级「合格」的下限须不高于 0，以覆盖所有得分',
    ]);
  });

  it('under sum, maxScore must equal Σ weight × max (2×10 + 1×10 = 30)', () => {
    const cs = [leaf('A', { weight: 2 }), leaf('B')];
    expect(sumMax(cs)).toBe(30);
    expect(validateTemplate(base(cs, { aggregation: 'sum', maxScore: 30 }))).toEqual([]);
    expect(validateTemplate(base(cs, { aggregation: 'sum', maxScore: 100 })).map((i) => i.message)).toEqual([
      '累加计分时模板满分（100）须等于各指标满分之和（30）',
    ]);
  });

  it('counts a 9 A / 45 B / 95 standards system (seed-003 L104) by depth', () => {
    // 9 A, each with 5 B (= 45); the first 5 B carry 3 standards and the other 40 carry 2: 15 + 80 = 95.
    let b = 0;
    const criteria: Criterion[] = Array.from({ length: 9 }, (_, i) => ({
      code: `A${i + 1}`,
      title: `A${i + 1}`,
      children: Array.from({ length: 5 }, (_, j) => {
        const n = b++ < 5 ? 3 : 2;
        const code = `A${i + 1}.B${j + 1}`;
        return { code, title: code, children: Array.from({ length: n }, (_, k) => leaf(`${code}.C${k + 1}`)) };
      }),
    }));
    expect(countByDepth(criteria)).toEqual([9, 45, 95]);
    expect(validateTemplate(base(criteria))).toEqual([]);
  });
});

describe('versioning', () => {
  const draft = base([leaf('A')]);

  it('publishing freezes; editing a published template yields the next version as a draft', () => {
    const v1 = publishTemplate(draft);
    expect(v1.status).toBe('published');
    expect(Object.isFrozen(v1.criteria[0])).toBe(true);
    expect(() => publishTemplate(v1)).toThrow('已发布');
    const v2 = reviseTemplate(v1, (d) => {
      d.criteria[0].title = '改过的';
      return d;
    });
    expect(v2.version).toBe(2);
    expect(v2.status).toBe('draft');
    expect(v2.criteria[0].title).toBe('改过的');
    expect(v1.criteria[0].title).toBe('A');
  });

  it('editing a draft keeps its version; an invalid template cannot be published', () => {
    const d2 = reviseTemplate(draft, (d) => ({ ...d, criteria: [] }));
    expect(d2.version).toBe(1);
    expect(() => publishTemplate(d2)).toThrow('模板不能发布：模板没有任何指标');
  });
});
