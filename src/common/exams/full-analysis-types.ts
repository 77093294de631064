/**
 * Input and output of `analyzeExam` (full-analysis.ts): one exam in columnar form in, every table of the standard
 * analysis (issue 3 "The analysis", anchors-exam §5.1) out. Students are indexed 0..studentCount−1 in every array.
 *
 * Conventions (as in the rest of `src/common/exams`): a student who did not sit a subject (缺考/作弊/免考) is outside
 * every denominator, never 0 points; SD is the SAMPLE SD; quantiles are R type 7; a statistic that is undefined (no
 * student, n < 2, zero variance, zero mean) is `null` — never NaN — in unit tables. In per-student typed arrays NaN
 * (or 0 for ranks, −1 for grades) marks a student who did not sit. Nothing is rounded.
 */
import type { CompositeTerm, VarianceShare } from './composite.js';
import type { EffectiveScoreMethod } from './lines.js';
import type { OptionGroups, OptionShares } from './options.js';
import type { RateCuts, RateThresholds, Threshold } from './rates.js';

/** Sitting status of a student in a subject. Every code but SAT takes the student out of the denominators. */
export const STATUS = { sat: 0, absent: 1, cheated: 2, exempt: 3 } as const;

/** The 双向细目表 and the item scores of one subject's paper. */
export interface PaperData {
  /** Full marks of every item (k items). */
  fullMarks: Float64Array;
  /** Item scores, studentCount × k row-major; rows of students who did not sit are ignored; a blank is 0. */
  matrix: Float32Array;
  /** Knowledge point id of every item in [0, knowledgeCount), −1 untagged. */
  knowledge?: Int32Array;
  knowledgeCount?: number;
  /** Ability level id of every item in [0, abilityCount), −1 untagged. */
  ability?: Int32Array;
  abilityCount?: number;
  /** Objective items: chosen options (studentCount × k row-major, option index, −1 = blank). */
  options?: {
    chosen: Int8Array;
    /** Options of every item (0 = subjective item: no option analysis). */
    optionCount: Int32Array;
    /** Answer key of every item (option index; −1 = none). */
    key: Int32Array;
  };
}

/** One subject of the exam. */
export interface SubjectData {
  name: string;
  fullMarks: number;
  /** Score of every student (NaN = did not sit). */
  scores: Float64Array;
  /** STATUS code of every student (optional: without it NaN alone marks 缺考). A score with a non-SAT code is ignored. */
  status?: Uint8Array;
  /** Teacher id in [0, teacherCount) of every class for this subject (teaching assignments); −1 = none. */
  teacherOfClass?: Int32Array;
  teacherCount?: number;
  paper?: PaperData;
}

/** A grouping of schools: 学区, 城乡, 公办/民办, 中心校+村小 … */
export interface SchoolGrouping {
  key: string;
  count: number;
  /** Group id in [0, count) of every school (−1 = in no group). */
  ofSchool: Int32Array;
}

/** One exam's students, organisation and scores. */
export interface ExamData {
  studentCount: number;
  /** Class id in [0, classCount) of every student. */
  studentClass: Int32Array;
  classCount: number;
  /** School id in [0, schoolCount) of every class. */
  classSchool: Int32Array;
  schoolCount: number;
  schoolGroupings: SchoolGrouping[];
  subjects: SubjectData[];
  /** Combined groups (文综/理综…) as subject indices; a student's group score is defined only if they sat each one. */
  combined: { name: string; subjects: number[] }[];
  /** Subjects making the 总分 (empty: no 总分); defined only for a student who sat every one of them. */
  totalSubjects: number[];
}

/** Every threshold, weight and step of the analysis (data: per exam with county defaults). */
export interface AnalysisConfig {
  /** 优秀/良好/及格/低分 lines (fraction, absolute or top share, resolved over the pool = every student given). */
  rates: RateThresholds;
  /** 综合得分 terms and weights over the unit metrics scoreRate, excellentRate, goodRate, passRate, lowRate. */
  composite: CompositeTerm[];
  /** 等级 lines from the best grade down. */
  gradeLines: Threshold[];
  /** 上线 lines (分档) applied to every subject, combined group and the 总分. */
  lines: Threshold[];
  /** 临界 band: students with line − k ≤ score < line, k in points. */
  borderlinePoints: number;
  /** 分数段 step in points per measure name (subject, group or '总分'), else `default`. */
  bandSteps: { default: number; byMeasure?: Record<string, number> };
  /** 高分段 as the top N of the pool (e.g. 5500) … */
  highScoreTopN: number[];
  /** … and imported cut scores per measure name (e.g. 全市前5500名 line of the 总分). */
  highScoreCuts?: Record<string, number[]>;
  /** How the students behind 学科有效分 are chosen at each 总分 line. */
  effectiveMethod: EffectiveScoreMethod;
}

/** Unit levels, coarse to fine. `teacher` exists only for subjects with teaching assignments. */
export type LevelKey = string;

/**
 * The statistics of every unit of one level (county, a school grouping, school, class, teacher) for one measure,
 * column by column (index = unit id).
 */
export interface UnitTable {
  level: LevelKey;
  count: number;
  /** 应考 / 实考 / 缺考 (缺考 counts every non-sitting code); 作弊 and 免考 are also broken out. */
  expected: Int32Array;
  n: Int32Array;
  absent: Int32Array;
  cheated: Int32Array;
  exempt: Int32Array;
  /** 参考率 = 实考 / 应考. */
  participation: (number | null)[];
  mean: (number | null)[];
  scoreRate: (number | null)[];
  sd: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  q1: (number | null)[];
  median: (number | null)[];
  q3: (number | null)[];
  /** 差异系数 = sd / mean. */
  cv: (number | null)[];
  skewness: (number | null)[];
  /** 超均率 against the pool mean. */
  overMeanRate: (number | null)[];
  excellentRate: (number | null)[];
  goodRate: (number | null)[];
  passRate: (number | null)[];
  lowRate: (number | null)[];
  /** Weighted 综合得分 and its competition rank among the units of the level. */
  compositeScore: (number | null)[];
  compositeRank: (number | null)[];
  /** Competition rank of the mean among the units of the level (1, 2, 2, 4). */
  meanRank: (number | null)[];
  /** Rank of the mean among the units of the same parent (classes within their school); null above class level. */
  meanRankInParent: (number | null)[] | null;
  /** 平均标准分: mean of the students' county Z. */
  meanZ: (number | null)[];
  /** Unit T = (unit mean − pool mean)/pool SD × 10 + 50. */
  unitT: (number | null)[];
  /** 分数段: count × bandCount row-major counts, cumulative from the top, and shares of 实考 (0 when nobody sat). */
  bandCounts: Int32Array;
  bandCumulative: Int32Array;
  bandShares: Float64Array;
  /** 上线人数 per line (count × lines) and 上线率 (null when nobody sat or the line is undefined). */
  lineCounts: Int32Array;
  lineRates: (number | null)[];
  /** 高分段 counts per high-score cut (count × cuts). */
  highScoreCounts: Int32Array;
}

/** Per-student results of one measure (arrays over all students). */
export interface StudentTable {
  /** Score used (NaN = did not sit). */
  score: Float64Array;
  /** Z and T against the county pool; null when the pool's SD is 0 or fewer than 2 sat. */
  z: Float64Array | null;
  t: Float64Array | null;
  /** 百分等级 in the county (NaN = did not sit). */
  percentileRank: Float64Array;
  /** Competition ranks (0 = did not sit). */
  rankClass: Int32Array;
  rankSchool: Int32Array;
  rankCounty: Int32Array;
  /** 等级 index (0 = A), −1 = did not sit. */
  grade: Int8Array;
  /** 临界 flags per line (same order as lineCuts; all 0 for an undefined line). */
  borderline: Uint8Array[];
}

/** Item statistics of every unit of one level (county, school or class), unit × item row-major. */
export interface UnitItemTable {
  level: LevelKey;
  count: number;
  k: number;
  /** Students who sat, per unit. */
  n: Int32Array;
  /** P (得分率), 满分率, 零分率, D (upper − lower 27%), corrected item–total r: count × k. */
  p: (number | null)[];
  fullRate: (number | null)[];
  zeroRate: (number | null)[];
  d: (number | null)[];
  r: (number | null)[];
  /** α (KR-20 for 0/1 items) and SEM = SD·√(1 − α) of the paper per unit. */
  alpha: (number | null)[];
  sem: (number | null)[];
}

/** 得分率 per tag (knowledge point or ability level) by unit: count × tagCount, null for an empty unit/tag. */
export interface UnitTagTable {
  level: LevelKey;
  count: number;
  tagCount: number;
  rates: (number | null)[];
}

/** Option analysis of one objective item. */
export interface ItemOptions {
  item: number;
  optionCount: number;
  key: number;
  /** Shares per unit (county, school, class), see optionShares. */
  county: OptionShares;
  school: OptionShares;
  class: OptionShares;
  /** Shares in the upper and lower 27% by paper total. */
  byTotal: OptionGroups;
}

/** Item-level analysis of one subject's paper. */
export interface PaperAnalysis {
  k: number;
  /** Student index of every row of the item data (students who sat, by school then class): the student tag tables' unit. */
  studentRows: Int32Array;
  /** County, school and class item tables (D, r, α need the unit's own students, so they exist for these levels). */
  tables: UnitItemTable[];
  /** Item P for every level (county, groupings, school, class, teacher): count × k, null for an empty unit. */
  pByLevel: { level: LevelKey; count: number; p: (number | null)[] }[];
  /** Flags of the county items: P < 0.2, P > 0.9, D < 0.2, r < 0. */
  flags: { hard: boolean; easy: boolean; lowD: boolean; negativeR: boolean }[];
  options: ItemOptions[];
  /** Knowledge point and ability level 得分率 by county, school, class and student row (see studentRows). */
  knowledge: UnitTagTable[];
  ability: UnitTagTable[];
}

/** 学科有效分 and the 上线 view of every subject of the 总分 at one 总分 line. */
export interface EffectiveAnalysis {
  line: number;
  students: number;
  window: number;
  /** 学科有效分 per subject of the 总分 (order of totalSubjects). */
  effective: (number | null)[];
  /** Per level: per subject of the 总分 the 单上线/双上线 counts, 命中率 and 上线贡献率 per unit. */
  levels: {
    level: LevelKey;
    totalOnLine: Int32Array;
    subjects: { single: Int32Array; double: Int32Array; hitRate: (number | null)[]; contribution: (number | null)[] }[];
  }[];
}

/** Balance of a measure across units. */
export interface Balance {
  /** CV of class means within every school. */
  classMeanCvInSchool: (number | null)[];
  /** CV of school means in the county. */
  schoolMeanCv: number | null;
  /** Between-school variance share η². */
  betweenSchools: VarianceShare;
}

/** Everything computed for one subject, combined group or the 总分. */
export interface MeasureAnalysis {
  name: string;
  kind: 'subject' | 'combined' | 'total';
  /** Subject indices behind the measure. */
  subjects: number[];
  fullMarks: number;
  cuts: RateCuts;
  gradeCuts: (number | null)[];
  lineCuts: (number | null)[];
  highScoreCuts: (number | null)[];
  bandStep: number;
  bandCount: number;
  pool: { n: number; mean: number | null; sd: number | null };
  units: UnitTable[];
  students: StudentTable;
  balance: Balance;
  paper: PaperAnalysis | null;
}

/** The whole analysis of an exam. */
export interface FullAnalysis {
  measures: MeasureAnalysis[];
  /** 偏科 per subject: Z_s − mean Z over the subjects the student sat (NaN: did not sit or fewer than 2 sat). */
  imbalance: Float64Array[];
  /** At each 总分 line: 学科有效分, 单/双上线, 命中率, 贡献率 (empty without a 总分). */
  effective: EffectiveAnalysis[];
  /** Per level, per unit: 学科贡献率 as the share of Σ subject means, and 离差 against the pool (subject × units). */
  contribution: { level: LevelKey; shares: (number | null)[][]; difference: (number | null)[][] }[];
  /** 全科及格率 / 全科优秀率 per level over the 总分 subjects. */
  allSubjects: { level: LevelKey; n: Int32Array; pass: (number | null)[]; excellent: (number | null)[] }[];
}
