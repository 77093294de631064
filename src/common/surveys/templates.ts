/**
 * The survey templates every county starts with (seeded by the migration's first use, see the server's
 * templates seeding). Dimensions and the four answer options follow seed-004 §7.2/§7.4 (L104: 整体办学水平, 师德表现,
 * 教学工作, 学生课业负担, 学习生活条件及服务, 校园安全环境; 满意/基本满意/不满意/不了解); the complaint themes of
 * the multiple-choice question follow seed-004 §7.2's de-facto taxonomy (L60–69, L108). 篇五 L130 widens the
 * respondents to students and teachers, hence their templates. The homework check is the daily 作业时长 probe of
 * the 五项管理 (seed-004 L14).
 */
import type { SurveyDefinition } from './definition.js';

const ANON = '本问卷匿名填写，不记录姓名、手机号、IP 地址或设备信息。结果只以 10 人以上的汇总形式呈现。';

const CONCERNS = ['教学质量', '师德师风', '作业负担', '收费', '食堂', '校车', '校园安全', '家校沟通', '入学', '其他'];

export const TEMPLATE_PARENT: SurveyDefinition = {
  title: '家长满意度测评',
  audience: 'parents',
  intro: ANON,
  questions: [
    {
      id: 'overall',
      kind: 'satisfaction',
      title: '您对学校整体办学水平是否满意？',
      required: true,
      dimension: '总体评价',
    },
    {
      id: 'dims',
      kind: 'matrix',
      scale: 'satisfaction',
      title: '请对以下各方面作出评价',
      required: true,
      items: [
        { id: 'ethics', title: '教师师德表现（不体罚、不收礼、不有偿补课）', dimension: '师德师风' },
        { id: 'teaching', title: '教学工作与教学质量', dimension: '教育教学' },
        { id: 'burden', title: '学生课业负担（作业量合理）', dimension: '学业负担' },
        { id: 'service', title: '学习生活条件及服务（食堂、课后服务等）', dimension: '办学条件与服务' },
        { id: 'safety', title: '校园安全环境', dimension: '校园安全' },
      ],
    },
    { id: 'homework', kind: 'number', title: '孩子平时每天完成书面作业大约需要多少分钟？', min: 0, max: 600 },
    {
      id: 'concerns',
      kind: 'multiple',
      title: '您最希望学校改进哪些方面？（可多选）',
      options: CONCERNS,
    },
    {
      id: 'unsatisfied_reason',
      kind: 'text',
      title: '您对整体办学不满意的主要原因是什么？',
      showIf: { questionId: 'overall', anyOf: ['不满意'] },
      maxLength: 1000,
    },
    { id: 'comment', kind: 'text', title: '其他意见和建议', maxLength: 1000 },
  ],
};

export const TEMPLATE_STUDENT: SurveyDefinition = {
  title: '学生满意度测评',
  audience: 'students',
  intro: ANON,
  questions: [
    { id: 'overall', kind: 'satisfaction', title: '你对学校总体是否满意？', required: true, dimension: '总体评价' },
    {
      id: 'dims',
      kind: 'matrix',
      scale: 'likert5',
      title: '你是否同意下面的说法？（1 非常不同意 … 5 非常同意）',
      required: true,
      items: [
        { id: 'respect', title: '老师尊重我们、关心我们', dimension: '师德师风' },
        { id: 'lessons', title: '老师上课讲得清楚，我能听懂', dimension: '教育教学' },
        { id: 'burden', title: '作业量适中，我有时间休息和锻炼', dimension: '学业负担' },
        { id: 'canteen', title: '食堂饭菜和学校设施让我满意', dimension: '办学条件与服务' },
        { id: 'safe', title: '我在学校感到安全，没有被欺负', dimension: '校园安全' },
      ],
    },
    { id: 'sleep', kind: 'number', title: '你平时每天大约睡几个小时？', min: 0, max: 24 },
    { id: 'comment', kind: 'text', title: '你想对学校说的话', maxLength: 1000 },
  ],
};

export const TEMPLATE_TEACHER: SurveyDefinition = {
  title: '教师满意度测评',
  audience: 'teachers',
  intro: ANON,
  questions: [
    {
      id: 'overall',
      kind: 'rating10',
      title: '总体而言，您对在本校工作的满意程度（0–10 分）',
      required: true,
      dimension: '总体评价',
    },
    {
      id: 'dims',
      kind: 'matrix',
      scale: 'likert5',
      title: '您是否同意下面的说法？（1 非常不同意 … 5 非常同意）',
      required: true,
      items: [
        { id: 'culture', title: '学校风气正，师德建设落到实处', dimension: '师德师风' },
        { id: 'research', title: '教研活动对我的教学有实际帮助', dimension: '教育教学' },
        { id: 'workload', title: '非教学任务负担合理', dimension: '学业负担' },
        { id: 'conditions', title: '办学条件与后勤服务能满足教学需要', dimension: '办学条件与服务' },
        { id: 'safety', title: '学校安全管理制度健全、执行到位', dimension: '校园安全' },
      ],
    },
    { id: 'comment', kind: 'text', title: '您对学校管理的意见和建议', maxLength: 1000 },
  ],
};

export const TEMPLATE_HOMEWORK: SurveyDefinition = {
  title: '今日作业时长',
  audience: 'parents',
  intro: '只需一题。请填写孩子今天完成书面作业实际用的时间。匿名填写。',
  questions: [
    { id: 'minutes', kind: 'number', title: '孩子今天完成书面作业用了多少分钟？', required: true, min: 0, max: 600 },
  ],
};

/** Template key → definition, in the order the builder lists them. */
export const SURVEY_TEMPLATES: Readonly<Record<string, SurveyDefinition>> = {
  parent: TEMPLATE_PARENT,
  student: TEMPLATE_STUDENT,
  teacher: TEMPLATE_TEACHER,
  homework: TEMPLATE_HOMEWORK,
};
