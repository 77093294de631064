/**
 * The seeded template library (every county starts with it; each is published as version 1). Shapes and items come
 * from the seeds; point values and bands are local choices (anchors-platform §7: "Point weights are set locally").
 */
import { type Criterion, DEFAULT_GRADE_BANDS, type LevelDescriptor } from '../../../../common/inspections/index.js';
import type { TemplateBody } from '../tables.js';

export interface LibraryTemplate {
  category: string;
  body: TemplateBody;
}

const pts = (code: string, title: string, max: number, extra: Partial<Criterion> = {}): Criterion => ({
  code,
  title,
  scoring: { kind: 'points', max },
  ...extra,
});
const pf = (code: string, title: string, max: number, extra: Partial<Criterion> = {}): Criterion => ({
  code,
  title,
  scoring: { kind: 'passFail', max },
  ...extra,
});
const lv = (code: string, title: string, levels: LevelDescriptor[], extra: Partial<Criterion> = {}): Criterion => ({
  code,
  title,
  scoring: { kind: 'levels', levels },
  ...extra,
});
const text = (code: string, title: string, extra: Partial<Criterion> = {}): Criterion => ({
  code,
  title,
  scoring: { kind: 'text' },
  ...extra,
});
const branch = (code: string, title: string, children: Criterion[], weight?: number): Criterion => ({
  code,
  title,
  children,
  ...(weight !== undefined ? { weight } : {}),
});

/** 优/良/中/差 on a leaf of `max` points (100% / 80% / 60% / 30%). */
const fourLevels = (max: number): LevelDescriptor[] => [
  { code: 'A', label: '优', points: max },
  { code: 'B', label: '良', points: Number((max * 0.8).toFixed(2)) },
  { code: 'C', label: '中', points: Number((max * 0.6).toFixed(2)) },
  { code: 'D', label: '差', points: Number((max * 0.3).toFixed(2)), fails: true },
];

/**
 * 教学常规检查（六认真）: seed-000 W5 ("备课、上课、作业批改、教学反思及评价"; "备课、上课、作业、辅导、检测", L71/L335;
 * 篇3's 五个关口) and seed-003 W42 ("有作必批、有批必评、有错必纠"). Sum of points, 100 in all.
 */
const routine: LibraryTemplate = {
  category: '教学常规',
  body: {
    title: '教学常规检查（六认真）',
    levelNames: ['检查项目', '检查内容'],
    aggregation: 'sum',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    criteria: [
      branch('A1', '认真备课', [
        pts('A1.1', '教案齐全，超前一周备课', 10, { guidance: '抽查教案，缺一周扣 2 分' }),
        pts('A1.2', '集体备课有记录（细）', 10, { evidenceRequired: true }),
      ]),
      branch('A2', '认真上课', [
        pts('A2.1', '面向全体、分层施教（新）', 10),
        pf('A2.2', '按课表上课，无随意调课、占课', 5),
      ]),
      branch('A3', '认真布置与批改作业', [
        pts('A3.1', '有发必收、有收必改、有错必纠、有练必评（精）', 15, { evidenceRequired: true }),
        pf('A3.2', '书面作业总量符合规定（一二年级不布置书面作业）', 5),
      ]),
      branch('A4', '认真辅导', [pts('A4.1', '抓两头促中间，辅导有记录（实）', 10)]),
      branch('A5', '认真组织考试与评价', [
        pts('A5.1', '命题、阅卷、质量分析与反馈（效）', 15),
        pf('A5.2', '无按分数排名公布', 5),
      ]),
      branch('A6', '认真反思', [pts('A6.1', '教学反思与错题档案', 15)]),
      text('N1', '主要问题与改进建议'),
    ],
  },
};

/**
 * 课堂观察量表: seed-003 W41 (《课堂教学质量评价表》 for every lesson observed) and seed-000 W7 (听评课记录: qualitative
 * comments and quantitative scores). A 4-level rubric per dimension, weighted mean on 100.
 */
const observation: LibraryTemplate = {
  category: '课堂教学',
  body: {
    title: '课堂观察量表（听评课）',
    levelNames: ['观察维度', '观察点'],
    aggregation: 'weightedMean',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    criteria: [
      branch(
        'A1',
        '教学目标',
        [lv('A1.1', '目标明确、符合课标与学情', fourLevels(4)), lv('A1.2', '目标达成度', fourLevels(4))],
        2,
      ),
      branch(
        'A2',
        '教学过程',
        [
          lv('A2.1', '结构合理、重难点突出', fourLevels(4)),
          lv('A2.2', '面向全体、分层施教', fourLevels(4)),
          lv('A2.3', '课堂效益（当堂检测）', fourLevels(4)),
        ],
        3,
      ),
      branch(
        'A3',
        '学生学习',
        [lv('A3.1', '参与度与思维活跃度', fourLevels(4)), lv('A3.2', '合作与表达', fourLevels(4))],
        3,
      ),
      branch('A4', '教师素养', [lv('A4.1', '语言、板书与信息技术运用', fourLevels(4))], 2),
      text('N1', '课堂亮点与改进建议（当场反馈）'),
    ],
  },
};

/**
 * 责任督学经常性督导记录（五项职责）: anchors-platform §7 — 挂牌督导办法's five duties: supervise lawful running; guide
 * management and teaching; receive and verify complaints; find problems and urge rectification; report. Pass/fail
 * per duty with notes, sum of points.
 */
const routineVisit: LibraryTemplate = {
  category: '规范办学',
  body: {
    title: '责任督学经常性督导工作记录表（五项职责）',
    levelNames: ['督导事项', '督导内容'],
    aggregation: 'sum',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    criteria: [
      branch('A1', '督促学校依法办学', [
        pf('A1.1', '课程开齐开足，作息时间符合规定', 10),
        pf('A1.2', '无违规收费、违规办班', 10),
        pf('A1.3', '“五项管理”（作业、睡眠、手机、读物、体质）落实', 10),
      ]),
      branch('A2', '指导学校规范管理和教学', [
        pts('A2.1', '学校管理制度健全并执行', 10),
        pts('A2.2', '教学常规落实（推门听课）', 10),
      ]),
      branch('A3', '受理并核实群众投诉', [pf('A3.1', '投诉登记、核实、回复闭环', 15)]),
      branch('A4', '发现问题并督促整改', [pts('A4.1', '上次督导问题整改到位', 20)]),
      branch('A5', '及时报告', [pf('A5.1', '重大事项及时报告督导室', 15)]),
      text('N1', '督导情况记录'),
    ],
  },
};

/**
 * 食堂检查: seed-003 W28 — areas 采购、财务、卫生、安全、工作人员 (L5); monthly checks of management, meals, hygiene,
 * safety (L256); 饮食卫生 a city priority (L502). 持证上岗 and 留样 are veto items (fail).
 */
const canteen: LibraryTemplate = {
  category: '食品卫生',
  body: {
    title: '学校食堂检查表',
    levelNames: ['检查项目', '检查内容'],
    aggregation: 'sum',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    vetoGrade: '不合格',
    criteria: [
      branch('A1', '采购与索证索票', [
        pf('A1.1', '食材索证索票、进货查验记录齐全', 15, { evidenceRequired: true }),
        pf('A1.2', '无过期、变质、来源不明食材', 15, { veto: { effect: 'fail' } }),
      ]),
      branch('A2', '卫生', [
        pts('A2.1', '加工场所清洁，生熟分开', 15, { evidenceRequired: true }),
        pf('A2.2', '餐具清洗消毒并保洁', 10),
      ]),
      branch('A3', '安全', [
        pf('A3.1', '食品留样（每餐每样 ≥125 克，保存 48 小时）', 15, { veto: { effect: 'fail' } }),
        pf('A3.2', '燃气、消防设施完好', 10),
      ]),
      branch('A4', '工作人员', [pf('A4.1', '从业人员持健康证上岗', 10, { veto: { effect: 'fail' } })]),
      branch('A5', '财务与伙食', [pts('A5.1', '伙食账目公开，师生满意', 10)]),
      text('N1', '整改意见'),
    ],
  },
};

/**
 * 安全隐患排查: seed-003 W20 — checklist of 建筑、设备、水电 (L248), 宿舍 (L249), 用电 (L251), 校园周边 (L25),
 * 接送车辆 (L25); safety 一票否决 (W22, L500). Consequences cap the total at 59 (below 合格).
 */
const safety: LibraryTemplate = {
  category: '安全',
  body: {
    title: '校园安全隐患排查表',
    levelNames: ['排查项目', '排查内容'],
    aggregation: 'sum',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    criteria: [
      branch('A1', '校舍建筑', [
        pf('A1.1', '无 D 级危房，校舍无裂缝、渗漏', 20, { veto: { effect: 'cap', cap: 59 }, evidenceRequired: true }),
        pf('A1.2', '栏杆、楼梯、门窗牢固', 10),
      ]),
      branch('A2', '消防与用电', [
        pf('A2.1', '消防设施完好、通道畅通', 15, { veto: { effect: 'cap', cap: 59 } }),
        pf('A2.2', '无私拉乱接电线', 10),
      ]),
      branch('A3', '宿舍（寄宿制学校）', [pf('A3.1', '宿舍安全与夜间值守', 10, { required: false })]),
      branch('A4', '校园安保', [pf('A4.1', '门卫登记、持证出入', 10), pf('A4.2', '监控 24 小时有人值守', 10)]),
      branch('A5', '应急管理', [pts('A5.1', '应急预案与疏散演练常态化', 15)]),
      text('N1', '隐患描述'),
    ],
  },
};

/** 校车检查: seed-003 W27 (寄宿制/校车, L369) and W20 (接送学生车辆, L25). Thresholds for seats and checks. */
const bus: LibraryTemplate = {
  category: '校车',
  body: {
    title: '校车安全检查表',
    levelNames: ['检查项目'],
    aggregation: 'sum',
    maxScore: 100,
    grades: DEFAULT_GRADE_BANDS,
    vetoGrade: '不合格',
    criteria: [
      pf('A1', '校车标牌、驾驶人资格有效', 20, { veto: { effect: 'fail' }, evidenceRequired: true }),
      {
        code: 'A2',
        title: '核载人数内乘车（实载人数）',
        scoring: { kind: 'threshold', max: 20, threshold: 19, direction: 'atMost', unit: '人' },
        veto: { effect: 'fail' },
        guidance: '实载不得超过核载（示例车型核载 19 人）',
      },
      pf('A3', '随车照管员在岗，上下车清点', 20),
      pf('A4', '安全锤、灭火器、急救箱齐全', 20),
      {
        code: 'A5',
        title: '距上次安全技术检验天数',
        scoring: { kind: 'threshold', max: 20, threshold: 180, direction: 'atMost', unit: '天' },
      },
      text('N1', '备注'),
    ],
  },
};

/**
 * 创建自评体系（A/B/C 三级，含否决项）: seed-003 W5 (创建 campaign: "对照评估标准…组织自查整改") and W4 (L104: an
 * indicator system of 一级/二级指标/评估标准); 县域优质均衡 has thresholds and veto items (anchors-platform §7). A small
 * instance of that shape: 3 A, 6 B, 12 C, weighted mean on 100, two veto items (安全事故, 违规收费).
 */
const creation: LibraryTemplate = {
  category: '规范办学',
  body: {
    title: '义务教育现代化学校创建自评标准',
    levelNames: ['A级指标', 'B级指标', 'C级评估标准'],
    aggregation: 'weightedMean',
    maxScore: 100,
    grades: [
      { label: '达标', min: 85 },
      { label: '基本达标', min: 70 },
      { label: '不达标', min: Number.NEGATIVE_INFINITY },
    ],
    vetoGrade: '不达标',
    criteria: [
      branch(
        'A1',
        '办学条件',
        [
          branch('A1.B1', '校舍与装备', [
            {
              code: 'A1.B1.C1',
              title: '生师比',
              scoring: { kind: 'threshold', max: 5, threshold: 19, direction: 'atMost' },
              guidance: '小学 ≤19',
            },
            pts('A1.B1.C2', '功能教室配齐并使用', 5, { evidenceRequired: true }),
          ]),
          branch('A1.B2', '安全保障', [
            pf('A1.B2.C1', '三年内无重大安全责任事故', 5, { veto: { effect: 'fail' } }),
            pts('A1.B2.C2', '安全制度与演练', 5),
          ]),
        ],
        3,
      ),
      branch(
        'A2',
        '学校管理',
        [
          branch('A2.B1', '规范办学', [
            pf('A2.B1.C1', '无违规收费、有偿补课', 5, { veto: { effect: 'fail' } }),
            lv('A2.B1.C2', '课程开齐开足', fourLevels(5)),
          ]),
          branch('A2.B2', '教师队伍', [
            pts('A2.B2.C1', '校本研修与培训', 5),
            lv('A2.B2.C2', '师德师风', fourLevels(5)),
          ]),
        ],
        3,
      ),
      branch(
        'A3',
        '教育质量',
        [
          branch('A3.B1', '学生发展', [
            pts('A3.B1.C1', '体质健康达标率', 5),
            lv('A3.B1.C2', '综合素质评价实施', fourLevels(5)),
          ]),
          branch('A3.B2', '社会认可', [
            {
              code: 'A3.B2.C1',
              title: '家长满意度（%）',
              scoring: { kind: 'threshold', max: 5, threshold: 85, direction: 'atLeast', unit: '%' },
            },
            text('A3.B2.C2', '特色与亮点'),
          ]),
        ],
        4,
      ),
    ],
  },
};

export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = [
  routine,
  observation,
  routineVisit,
  canteen,
  safety,
  bus,
  creation,
];
