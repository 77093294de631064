/**
 * Worked examples of the 2014 standard, computed by hand from the rows of ../shared/domain/fitness/scores.csv,
 * bmi.csv, bonus.csv and weights.csv (the arithmetic is in the comments), plus the edges, caps, missing cells, 免测,
 * 毕业成绩 and the refused inputs.
 */
import { describe, expect, it } from 'vitest';
import {
  bmiCategory,
  computeBmi,
  FitnessInputError,
  type FitnessStandard,
  gradeBand,
  graduationScore,
  itemBonus,
  parseGrade,
  parseItemCell,
  parseTimeSeconds,
  STANDARD_2014,
  type StudentInput,
  scoreStudent,
  validateStudent,
} from './fitness.js';
import { checkStandard } from './standard.js';

/** The problems scoreStudent refuses an input with. */
function refusal(input: StudentInput): string[] {
  try {
    scoreStudent(input);
  } catch (e) {
    if (e instanceof FitnessInputError) return e.problems;
    throw e;
  }
  throw new Error('not refused');
}

describe('grade labels and times', () => {
  it('parses every grade label to its code', () => {
    const cases: [string, string][] = [
      ['一年级', 'P1'],
      ['六年级', 'P6'],
      ['初一', 'J1'],
      ['七年级', 'J1'],
      ['八年级', 'J2'],
      ['初三', 'J3'],
      ['九年级', 'J3'],
      ['高一', 'S1'],
      ['高三', 'S3'],
      ['大一', 'U12'],
      ['大二', 'U12'],
      ['大三', 'U34'],
      ['大四', 'U34'],
      [' 高 二 ', 'S2'],
    ];
    for (const [label, code] of cases) expect(parseGrade(label)).toBe(code);
    expect(parseGrade('十年级')).toBeNull();
    expect(parseGrade('研一')).toBeNull();
  });

  it('reads times as seconds or 分\'秒"', () => {
    expect(parseTimeSeconds(`3'17"`)).toBe(197);
    expect(parseTimeSeconds('3′17″')).toBe(197);
    expect(parseTimeSeconds('3’17”')).toBe(197);
    expect(parseTimeSeconds('3分17秒')).toBe(197);
    expect(parseTimeSeconds(`1'52`)).toBe(112);
    expect(parseTimeSeconds('197')).toBe(197);
    expect(parseTimeSeconds('8.7')).toBe(8.7);
    expect(parseTimeSeconds(`3'60"`)).toBeNull();
    expect(parseTimeSeconds('快')).toBeNull();
    expect(parseItemCell('run_1000m', `3'17"`)).toEqual({ value: 197 });
    expect(parseItemCell('vital_capacity', '')).toEqual({ value: null });
    expect(parseItemCell('vital_capacity', `3'17"`)).toEqual({ problem: '肺活量“3\'17"”不是数字' });
  });
});

describe('BMI', () => {
  it('is kg / m², one decimal, half up', () => {
    // 22 / 1.2² = 15.277… → 15.3; 26.1 / 1.44 = 18.125 → 18.1; 26.2 / 1.44 = 18.194… → 18.2
    expect(computeBmi(120, 22)).toBe(15.3);
    expect(computeBmi(120, 26.1)).toBe(18.1);
    expect(computeBmi(120, 26.2)).toBe(18.2);
  });

  it('classifies on the band edges (bmi.csv P1 M: 低体重 ≤13.4, 正常 13.5–18.1, 超重 18.2–20.3, 肥胖 ≥20.4)', () => {
    const cat = (b: number) => bmiCategory('P1', 'M', b);
    expect(cat(13.4)).toMatchObject({ category: '低体重', score: 80 });
    expect(cat(13.5)).toMatchObject({ category: '正常', score: 100 });
    expect(cat(18.1)).toMatchObject({ category: '正常', score: 100 });
    expect(cat(18.2)).toMatchObject({ category: '超重', score: 80 });
    expect(cat(20.3)).toMatchObject({ category: '超重', score: 80 });
    expect(cat(20.4)).toMatchObject({ category: '肥胖', score: 60 });
  });

  it('uses the one 大学 table (bmi.csv U F: 正常 17.2–23.9, 超重 24.0–27.9) for 大一 and 大四', () => {
    expect(bmiCategory('U12', 'F', 23.9).category).toBe('正常');
    expect(bmiCategory('U34', 'F', 24).category).toBe('超重');
    expect(bmiCategory('U34', 'F', 17.1).category).toBe('低体重');
    expect(bmiCategory('U12', 'M', 28).category).toBe('肥胖');
  });
});

describe('worked examples across the grade groups', () => {
  it('小学低段 一年级 男: 89.6 + 5 = 94.6 优秀', () => {
    const r = scoreStudent({
      grade: '一年级',
      sex: '男',
      heightCm: 120,
      weightKg: 22,
      items: { vital_capacity: 1300, run_50m: 10.7, sit_and_reach: 13.0, rope_skip_1min: 120 },
    });
    // BMI 22/1.44 = 15.3 → 正常 (13.5–18.1) 100
    // 肺活量 1300 = 80-pt threshold exactly → 80; 50米 10.7 > 10.6 (80) but ≤ 10.8 → 78;
    // 坐位体前屈 13.0 = 90-pt threshold → 90; 跳绳 120 ≥ 109 → 100
    // 标准分 = (100×15 + 80×15 + 78×20 + 90×30 + 100×20)/100 = (1500+1200+1560+2700+2000)/100 = 89.6
    // 附加分: 120 − 109 = 11 reps → 5 points (10 reps = 5, 12 reps = 6)
    expect(r.bmi).toBe(15.3);
    expect(r.bmiCategory).toBe('正常');
    expect(r.items.vital_capacity?.score).toBe(80);
    expect(r.items.run_50m?.score).toBe(78);
    expect(r.items.sit_and_reach?.score).toBe(90);
    expect(r.items.rope_skip_1min?.score).toBe(100);
    expect(r.standardScore).toBe(89.6);
    expect(r.bonus).toBe(5);
    expect(r.total).toBe(94.6);
    expect(r.grade).toBe('优秀');
  });

  it('小学中段 三年级 女: on and just below thresholds, 65.7 及格', () => {
    const r = scoreStudent({
      grade: '三年级',
      sex: '女',
      heightCm: 130,
      weightKg: 35,
      items: {
        vital_capacity: 1399,
        run_50m: 12.0,
        sit_and_reach: 2.1,
        rope_skip_1min: 139,
        sit_up_1min: 5,
      },
    });
    // BMI 35/1.69 = 20.71 → 20.7 → 超重 (18.7–21.1) 80
    // 肺活量 1399 < 1400 (80) ≥ 1340 → 78; 50米 12.0 = 60-pt → 60; 坐位体前屈 2.1 < 2.2 (60) ≥ 1.4 → 50;
    // 跳绳 139 = 100-pt → 100 (no bonus: 0 reps over); 仰卧起坐 5 < 6 (10-pt) → 0
    // (80×15 + 78×15 + 60×20 + 50×20 + 100×20 + 0×10)/100 = (1200+1170+1200+1000+2000+0)/100 = 65.7
    expect(r.bmiCategory).toBe('超重');
    expect(r.items.vital_capacity?.score).toBe(78);
    expect(r.items.run_50m?.score).toBe(60);
    expect(r.items.sit_and_reach?.score).toBe(50);
    expect(r.items.sit_up_1min?.score).toBe(0);
    expect(r.standardScore).toBe(65.7);
    expect(r.bonus).toBe(0);
    expect(r.total).toBe(65.7);
    expect(r.grade).toBe('及格');
  });

  it('小学高段 五年级 男: 跳绳 bonus capped at 20, 106.8 优秀', () => {
    const r = scoreStudent({
      grade: '五年级',
      sex: 'M',
      heightCm: 140,
      weightKg: 45,
      items: {
        vital_capacity: 2900,
        run_50m: 8.4,
        sit_and_reach: -2.6,
        rope_skip_1min: 190,
        sit_up_1min: 38,
        shuttle_50x8: 111,
      },
    });
    // BMI 45/1.96 = 22.96 → 23.0 → 超重 (21.5–24.1) 80; 肺活量 2900 = 100; 50米 8.4 = 100; 坐位体前屈 −2.6 = 60;
    // 跳绳 190 ≥ 148 → 100; 仰卧起坐 38 = 80; 50×8 111 s (1'51") = 78
    // (80×15 + 100×15 + 100×20 + 60×10 + 100×10 + 80×20 + 78×10)/100 = (1200+1500+2000+600+1000+1600+780)/100 = 86.8
    // 附加分: 190 − 148 = 42 reps → 21 points → capped at 20
    expect(r.standardScore).toBe(86.8);
    expect(r.bonusByItem.rope_skip_1min).toBe(20);
    expect(r.bonus).toBe(20);
    expect(r.total).toBe(106.8);
    expect(r.grade).toBe('优秀');
  });

  it('初中 八年级 女: 仰卧起坐 and 800米 bonus, 80.2 + 14 = 94.2', () => {
    const r = scoreStudent({
      grade: '八年级',
      sex: '女',
      heightCm: 160,
      weightKg: 64,
      items: {
        vital_capacity: 2500,
        run_50m: 9.1,
        sit_and_reach: 19.3,
        standing_long_jump: 143,
        sit_up_1min: 64,
        run_800m: 190,
      },
    });
    // BMI 64/2.56 = 25.0 → 肥胖 (≥24.9) 60; 肺活量 2500 = 80; 50米 9.1 > 9.0 (78), ≤ 9.2 → 76; 坐位体前屈 19.3 = 90;
    // 立定跳远 143 < 144 (60), ≥ 139 → 50; 仰卧起坐 64 ≥ 51 → 100; 800米 190 ≤ 210 → 100
    // (60×15 + 80×15 + 76×20 + 90×10 + 50×10 + 100×10 + 100×20)/100 = (900+1200+1520+900+500+1000+2000)/100 = 80.2
    // 附加分: 仰卧起坐 64 − 51 = 13 → 10; 800米 210 − 190 = 20 s → 4; total 14
    expect(r.bmiCategory).toBe('肥胖');
    expect(r.items.run_50m?.score).toBe(76);
    expect(r.items.standing_long_jump?.score).toBe(50);
    expect(r.standardScore).toBe(80.2);
    expect(r.bonusByItem).toEqual({ sit_up_1min: 10, run_800m: 4 });
    expect(r.bonus).toBe(14);
    expect(r.total).toBe(94.2);
    expect(r.grade).toBe('优秀');
  });

  it('高中 高一 男: 引体向上 and 1000米 bonus 10 + 10, 98 + 20 = 118', () => {
    const r = scoreStudent({
      grade: '高一',
      sex: '男',
      heightCm: 175,
      weightKg: 60,
      items: {
        vital_capacity: 4541,
        run_50m: 7.1,
        sit_and_reach: 15.0,
        standing_long_jump: 260,
        pull_up: 30,
        run_1000m: 170,
      },
    });
    // BMI 60/3.0625 = 19.59 → 19.6 → 正常 (16.5–23.2) 100; 坐位体前屈 15.0 = 80; all others 100
    // (100×15 + 100×15 + 100×20 + 80×10 + 100×10 + 100×10 + 100×20)/100 = 9800/100 = 98
    // 附加分: 引体 30 − 16 = 14 reps → 10 (cap); 1000米 210 − 170 = 40 s ≥ 35 → 10; 20 total
    expect(r.standardScore).toBe(98);
    expect(r.bonusByItem).toEqual({ pull_up: 10, run_1000m: 10 });
    expect(r.bonus).toBe(20);
    expect(r.total).toBe(118);
    expect(r.grade).toBe('优秀');
  });

  it('高中 高二 女: conflict cells are used and noted, 85.75 良好', () => {
    const r = scoreStudent({
      grade: '高二',
      sex: '女',
      heightCm: 160,
      weightKg: 52,
      items: {
        vital_capacity: 3000,
        run_50m: 8.5,
        sit_and_reach: 18.0,
        standing_long_jump: 205,
        sit_up_1min: 44,
        run_800m: 228,
      },
    });
    // BMI 52/2.56 = 20.3 → 正常 (16.9–23.2) 100; 肺活量 3000 ≥ 3000 → 85; 50米 8.5 → 80;
    // 坐位体前屈 18.0 = 80 (conflict cell, KSU value); 立定跳远 205 = 100; 仰卧起坐 44 = 80; 800米 228 = 80 (conflict)
    // (100×15 + 85×15 + 80×20 + 80×10 + 100×10 + 80×10 + 80×20)/100 = (1500+1275+1600+800+1000+800+1600)/100 = 85.75
    expect(r.items.sit_and_reach).toMatchObject({ score: 80, cellStatus: 'conflict' });
    expect(r.items.run_800m).toMatchObject({ score: 80, cellStatus: 'conflict' });
    expect(r.standardScore).toBe(85.75);
    expect(r.bonus).toBe(0);
    expect(r.total).toBe(85.75);
    expect(r.grade).toBe('良好');
    expect(r.notes.filter((n) => n.includes('conflict'))).toHaveLength(2);
  });

  it('大学 大四 女: 66.5 及格, and a failing student 9.0 不及格', () => {
    const pass = scoreStudent({
      grade: '大四',
      sex: '女',
      heightCm: 165,
      weightKg: 50,
      items: {
        vital_capacity: 2049,
        run_50m: 10.21,
        sit_and_reach: 26.3,
        standing_long_jump: 152,
        sit_up_1min: 27,
        run_800m: 272,
      },
    });
    // BMI 50/2.7225 = 18.37 → 18.4 → 正常 (U F 17.2–23.9) 100; 肺活量 2049 < 2050 (60), ≥ 2010 → 50;
    // 50米 10.21 > 10.2 (60), ≤ 10.4 → 50; 坐位体前屈 26.3 = 100; 立定跳远 152 = 60; 仰卧起坐 27 = 60; 800米 272 = 60
    // (100×15 + 50×15 + 50×20 + 100×10 + 60×10 + 60×10 + 60×20)/100 = (1500+750+1000+1000+600+600+1200)/100 = 66.5
    expect(pass.standardScore).toBe(66.5);
    expect(pass.total).toBe(66.5);
    expect(pass.grade).toBe('及格');
    const fail = scoreStudent({
      grade: '大三',
      sex: '女',
      heightCm: 165,
      weightKg: 80,
      items: {
        vital_capacity: 1800,
        run_50m: 11.3,
        sit_and_reach: 2.0,
        standing_long_jump: 120,
        sit_up_1min: 10,
        run_800m: 340,
      },
    });
    // BMI 80/2.7225 = 29.38 → 29.4 → 肥胖 60; every item below its 10-point threshold (1850, 11.2, 2.5, 127, 17, 322) → 0
    // 60×15/100 = 9
    expect(fail.bmiCategory).toBe('肥胖');
    expect(Object.values(fail.items).map((i) => i?.score)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(fail.standardScore).toBe(9);
    expect(fail.grade).toBe('不及格');
  });
});

describe('bonus caps (bonus.csv, rules.json bonus)', () => {
  it('跳绳 (小学): +1 per 2 reps over the 100-point value, up to 20 (P1 M 100 = 109)', () => {
    const b = (reps: number) => itemBonus('P1', 'M', 'rope_skip_1min', reps).points;
    expect(b(109)).toBe(0);
    expect(b(110)).toBe(0); // 1 rep over
    expect(b(111)).toBe(1); // 2 reps over
    expect(b(147)).toBe(19); // 38
    expect(b(149)).toBe(20); // 40
    expect(b(250)).toBe(20); // 141 over → capped
  });

  it('引体向上 1 rep per point, up to 10 (S1 M 100 = 16)', () => {
    const b = (reps: number) => itemBonus('S1', 'M', 'pull_up', reps).points;
    expect(b(16)).toBe(0);
    expect(b(17)).toBe(1);
    expect(b(26)).toBe(10);
    expect(b(40)).toBe(10);
  });

  it('仰卧起坐 2,4,6,7,…,13 reps, up to 10 (J2 F 100 = 51)', () => {
    const b = (reps: number) => itemBonus('J2', 'F', 'sit_up_1min', reps).points;
    expect(b(52)).toBe(0); // 1 over
    expect(b(53)).toBe(1); // 2
    expect(b(57)).toBe(3); // 6
    expect(b(58)).toBe(4); // 7
    expect(b(64)).toBe(10); // 13
    expect(b(90)).toBe(10);
  });

  it('1000米 4,8,…,20,23,…,35 s faster, up to 10 (S1 M 100 = 210 s)', () => {
    const b = (s: number) => itemBonus('S1', 'M', 'run_1000m', s).points;
    expect(b(207)).toBe(0); // 3 s
    expect(b(206)).toBe(1); // 4 s
    expect(b(188)).toBe(5); // 22 s
    expect(b(187)).toBe(6); // 23 s
    expect(b(175)).toBe(10); // 35 s
    expect(b(160)).toBe(10);
  });

  it('800米 5 s per point, up to 10 (大学 F 100 = 196 s)', () => {
    const b = (s: number) => itemBonus('U34', 'F', 'run_800m', s).points;
    expect(b(192)).toBe(0);
    expect(b(191)).toBe(1);
    expect(b(146)).toBe(10);
    expect(b(120)).toBe(10);
  });

  it('the bonus of an item that allows none is 0 (坐位体前屈, 男 仰卧起坐 in 高中)', () => {
    expect(itemBonus('S1', 'M', 'sit_and_reach', 40).points).toBe(0);
    expect(itemBonus('S1', 'M', 'sit_up_1min', 80).points).toBe(0);
  });

  it('the total is capped at bonus.total_max (20): a standard with a 14-point 引体向上 step gives 14 + 10 → 20', () => {
    // The shipped tables cannot exceed 20 in 初中+ (10 + 10), so the cap is shown on an edited copy: per-item cap
    // raised to 15 and a 14-rep → 14-point 引体向上 step added.
    const base = STANDARD_2014;
    const std: FitnessStandard = {
      ...base,
      rules: {
        ...base.rules,
        bonus: { ...base.rules.bonus, secondary: { ...base.rules.bonus.secondary, maxPerItem: 15 } },
      },
      bonus: {
        ...base.bonus,
        M: {
          ...base.bonus.M,
          pull_up: [...(base.bonus.M.pull_up ?? []), { points: 14, improvement: 14, status: 'test' }],
        },
      },
    };
    const r = scoreStudent(
      {
        grade: '高一',
        sex: '男',
        heightCm: 175,
        weightKg: 60,
        items: {
          vital_capacity: 4541,
          run_50m: 7.1,
          sit_and_reach: 15.0,
          standing_long_jump: 260,
          pull_up: 30,
          run_1000m: 170,
        },
      },
      std,
    );
    // 引体 30 − 16 = 14 → 14; 1000米 40 s → 10; 14 + 10 = 24 → capped at 20; 98 + 20 = 118
    expect(r.bonusByItem).toEqual({ pull_up: 14, run_1000m: 10 });
    expect(r.bonus).toBe(20);
    expect(r.total).toBe(118);
  });
});

describe('missing cells (初一/初三): null, never a guess', () => {
  const j1: StudentInput = {
    grade: '初一',
    sex: '男',
    heightCm: 160,
    weightKg: 50,
    items: {
      vital_capacity: 3000,
      run_50m: 8.0,
      sit_and_reach: 14.2,
      standing_long_jump: 211,
      pull_up: 11,
      run_1000m: 230,
    },
  };

  it('scores what present cells decide, and leaves the 1000米 (whole table missing) null with the totals', () => {
    const r = scoreStudent(j1);
    // 肺活量 3000 ≥ 2900 (80) < 3150 (85) → 80, decided above the missing rows 74–10
    expect(r.items.vital_capacity).toMatchObject({ score: 80, cellStatus: 'single_source' });
    expect(r.items.run_50m?.score).toBe(90);
    expect(r.items.run_1000m?.score).toBeNull();
    expect(r.items.run_1000m?.reason).toContain('no standard value');
    expect(r.standardScore).toBeNull();
    expect(r.bonus).toBeNull();
    expect(r.total).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.notes.some((n) => n.includes('标准分无法计算'))).toBe(true);
  });

  it('a result that falls into the missing rows is null (J1 M 肺活量 2000 < 2660, rows 74–10 missing)', () => {
    const r = scoreStudent({ ...j1, items: { ...j1.items, vital_capacity: 2000 } });
    expect(r.items.vital_capacity?.score).toBeNull();
    expect(r.items.vital_capacity?.reason).toContain('74分标准值缺失');
  });

  it('J1 M 引体向上: 1 rep = 30-pt threshold → 30; 0 reps needs the missing 20/10 rows → null', () => {
    expect(scoreStudent({ ...j1, items: { ...j1.items, pull_up: 1 } }).items.pull_up?.score).toBe(30);
    expect(scoreStudent({ ...j1, items: { ...j1.items, pull_up: 0 } }).items.pull_up?.score).toBeNull();
  });

  it('初三 女 肺活量 (whole table missing) is null', () => {
    const r = scoreStudent({
      grade: '九年级',
      sex: '女',
      heightCm: 160,
      weightKg: 50,
      items: {
        vital_capacity: 2800,
        run_50m: 8.5,
        sit_and_reach: 15,
        standing_long_jump: 180,
        sit_up_1min: 45,
        run_800m: 220,
      },
    });
    expect(r.items.vital_capacity?.score).toBeNull();
    expect(r.items.run_800m?.score).toBeNull();
    expect(r.standardScore).toBeNull();
  });
});

describe('免测, 等级, 毕业成绩', () => {
  it('免测: nothing scored, BMI still given, and noted', () => {
    const r = scoreStudent({ grade: '高二', sex: '女', heightCm: 160, weightKg: 52, items: {}, exempt: true });
    expect(r.exempt).toBe(true);
    expect(r.bmi).toBe(20.3);
    expect(r.standardScore).toBeNull();
    expect(r.total).toBeNull();
    expect(r.grade).toBeNull();
    expect(r.notes[0]).toContain('免测');
    const noBody = scoreStudent({ grade: '高二', sex: '女', heightCm: null, weightKg: null, items: {}, exempt: true });
    expect(noBody.bmi).toBeNull();
  });

  it('bands: 优秀 ≥90.0, 良好 80.0–89.9, 及格 60.0–79.9, 不及格 ≤59.9', () => {
    expect(gradeBand(120)).toBe('优秀');
    expect(gradeBand(90)).toBe('优秀');
    expect(gradeBand(89.9)).toBe('良好');
    expect(gradeBand(80)).toBe('良好');
    expect(gradeBand(79.9)).toBe('及格');
    expect(gradeBand(60)).toBe('及格');
    expect(gradeBand(59.9)).toBe('不及格');
    expect(gradeBand(0)).toBe('不及格');
  });

  it('毕业成绩 = 毕业当年 × 50% + 其他学年平均 × 50%', () => {
    // 85 × 0.5 + (70 + 80 + 90)/3 × 0.5 = 42.5 + 40 = 82.5
    expect(graduationScore(85, [70, 80, 90])).toBe(82.5);
    // 100 × 0.5 + (60 + 61)/2 × 0.5 = 50 + 30.25 = 80.25
    expect(graduationScore(100, [60, 61])).toBe(80.25);
    expect(() => graduationScore(85, [])).toThrow(FitnessInputError);
  });
});

describe('bad input is refused with a Chinese message', () => {
  const base: StudentInput = {
    grade: '三年级',
    sex: '女',
    heightCm: 130,
    weightKg: 30,
    items: { vital_capacity: 1500, run_50m: 10, sit_and_reach: 10, rope_skip_1min: 100, sit_up_1min: 30 },
  };

  it('accepts the base input', () => {
    expect(validateStudent(base)).toEqual([]);
  });

  it('refuses impossible values', () => {
    expect(refusal({ ...base, items: { ...base.items, run_50m: 2 } })[0]).toContain('50米跑 2秒 不可能');
    expect(refusal({ ...base, items: { ...base.items, vital_capacity: 90000 } })[0]).toContain(
      '肺活量 90000毫升 不可能',
    );
    expect(refusal({ ...base, heightCm: 300 })[0]).toContain('身高 300厘米 不可能');
    expect(refusal({ ...base, heightCm: 1.3 })[0]).toContain('身高以厘米填写');
    expect(refusal({ ...base, items: { ...base.items, rope_skip_1min: 100.5 } })[0]).toContain('应为整数');
  });

  it('refuses a time in the wrong unit (minutes as a decimal)', () => {
    const p = refusal({
      grade: '高一',
      sex: '男',
      heightCm: 175,
      weightKg: 60,
      items: {
        vital_capacity: 4000,
        run_50m: 7.5,
        sit_and_reach: 15,
        standing_long_jump: 230,
        pull_up: 10,
        run_1000m: 3.17,
      },
    });
    expect(p[0]).toContain('1000米跑 3.17秒 不可能');
    expect(p[0]).toContain(`3'45"`);
  });

  it('refuses items that do not apply to the grade or sex', () => {
    expect(refusal({ ...base, items: { ...base.items, shuttle_50x8: 110 } })).toEqual(['50米×8往返跑 不适用于三年级']);
    const girl = refusal({
      grade: '高一',
      sex: '女',
      heightCm: 160,
      weightKg: 50,
      items: {
        vital_capacity: 3000,
        run_50m: 8.5,
        sit_and_reach: 15,
        standing_long_jump: 180,
        sit_up_1min: 40,
        run_800m: 230,
        pull_up: 3,
      },
    });
    expect(girl).toEqual(['引体向上 不适用于女生（高一男生项目）']);
  });

  it('refuses a missing item, an unknown grade or sex, and an 免测 student with results', () => {
    const { sit_up_1min: _, ...withoutSitUp } = base.items;
    expect(refusal({ ...base, items: withoutSitUp })).toEqual(['缺少一分钟仰卧起坐成绩（三年级女生必测项目）']);
    expect(refusal({ ...base, grade: '十年级' })[0]).toContain('年级“十年级”无法识别');
    expect(refusal({ ...base, sex: 'X' })[0]).toContain('性别“X”无法识别');
    expect(refusal({ ...base, exempt: true })[0]).toContain('免测学生不应有测试成绩');
  });
});

describe('the standard data', () => {
  it('the shipped standard passes its own check', () => {
    expect(checkStandard(STANDARD_2014)).toEqual([]);
  });

  it('a table edit that breaks monotonic thresholds is refused', () => {
    const t = STANDARD_2014.grades.P1.M.vital_capacity;
    if (!t) throw new Error('no table');
    const broken: FitnessStandard = {
      ...STANDARD_2014,
      grades: {
        ...STANDARD_2014.grades,
        P1: {
          ...STANDARD_2014.grades.P1,
          M: {
            ...STANDARD_2014.grades.P1.M,
            vital_capacity: { ...t, cells: t.cells.map((c) => (c.score === 80 ? { ...c, threshold: 1450 } : c)) },
          },
        },
      },
    };
    // 85 = 1400, 80 = 1450: not falling
    expect(checkStandard(broken)).toEqual([expect.stringContaining('80分标准 1450 与 85分标准 1400 不单调')]);
  });

  it('keeps each cell status from the transcription (P1 M 肺活量 100 = 1700 verified; J1 M 肺活量 74 missing)', () => {
    expect(STANDARD_2014.grades.P1.M.vital_capacity?.cells[0]).toEqual({
      score: 100,
      threshold: 1700,
      status: 'verified',
    });
    expect(STANDARD_2014.grades.J1.M.vital_capacity?.cells[7]).toEqual({
      score: 74,
      threshold: null,
      status: 'missing',
    });
  });
});
