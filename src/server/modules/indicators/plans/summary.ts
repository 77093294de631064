import { cstDate } from '../../../../common/calendar/index.js';
import { rollup } from '../../../../common/indicators/index.js';
import { type Block, docTitle, Footnotes, heading, para, table } from '../../../platform/documents/index.js';
import type { GoalView, PlanView, TaskView } from './board.js';
import { formatGap, formatValue, STATUS_LABEL } from './format.js';
import { GROUP_ROLES, PLAN_KINDS, type PlanKind } from './labels.js';
import type { ProblemStats } from './problems.js';

/**
 * A plan's 总结 in one of the three styles of seed-002 §6A: 'topical' (第1篇: opening, topic sections, 总之…),
 * 'pdca' (第2篇: 工作策划 P / 实施 D / 检查 C / 整改 A, next year, suggestions) and 'mirror' (第5/6篇: follows the plan
 * section by section). Every number comes from the plan view (the indicator sources) with a footnote naming its
 * source and date; each section carries the narrative the user wrote for it, kept between regenerations. The
 * 问题发现与整改 section (its own section in 'topical' and 'mirror', the 整改（A） section in 'pdca') gives the
 * rectification ledger's numbers for the plan's schools and span (problems.ts problemStats), footnoted the same way.
 */
export type SummaryStyle = 'topical' | 'pdca' | 'mirror';

export interface SectionDef {
  key: string;
  title: string;
}

export const SECTIONS: Record<SummaryStyle, readonly SectionDef[]> = {
  topical: [
    { key: 'opening', title: '总体情况' },
    { key: 'goals', title: '一、目标完成情况' },
    { key: 'tasks', title: '二、重点任务落实情况' },
    { key: 'problems', title: '三、问题发现与整改' },
    { key: 'closing', title: '四、总结与下一步' },
  ],
  pdca: [
    { key: 'plan', title: '一、工作策划（P）' },
    { key: 'do', title: '二、工作实施（D）' },
    { key: 'check', title: '三、工作检查（C）' },
    { key: 'act', title: '四、工作整改（A）' },
    { key: 'next', title: '五、下一年度工作重点' },
    { key: 'suggestions', title: '六、意见和建议' },
  ],
  mirror: [
    { key: 'guiding', title: '一、指导思想' },
    { key: 'goals', title: '二、目标达成情况' },
    { key: 'leadership', title: '三、组织领导' },
    { key: 'tasks', title: '四、工作内容和措施落实情况' },
    { key: 'phases', title: '五、实施步骤完成情况' },
    { key: 'safeguards', title: '六、保障措施' },
    { key: 'problems', title: '七、问题发现与整改' },
  ],
};

/** Done = every responsible unit's latest due date is met; otherwise not done (with the units still owing). */
export function splitTasks(tasks: readonly TaskView[]) {
  const done: TaskView[] = [];
  const notDone: { task: TaskView; owing: string[] }[] = [];
  for (const t of tasks) {
    const owing = t.units.filter((u) => u.state !== 'done' && u.state !== 'done_late').map((u) => u.name);
    if (owing.length === 0 && t.units.length > 0) done.push(t);
    else notDone.push({ task: t, owing });
  }
  return { done, notDone };
}

function goalBlocks(goals: readonly GoalView[], notes: Footnotes, today: string): Block[] {
  if (goals.length === 0) return [para('本方案未设定与指标绑定的目标。')];
  const blocks: Block[] = [
    table(
      [
        { title: '指标', width: 3 },
        { title: '单位', width: 2 },
        { title: '时段', width: 2 },
        { title: '基线' },
        { title: '目标' },
        { title: '实际' },
        { title: '差距', width: 1.4 },
        { title: '状态' },
      ],
      goals.map((g) => [
        g.name,
        g.orgUnitName,
        g.periodName,
        formatValue(g.unit, g.baseline),
        formatValue(g.unit, g.target),
        formatValue(g.unit, g.value),
        formatGap(g.unit, g.gap),
        STATUS_LABEL[g.status],
      ]),
    ),
  ];
  for (const g of goals) {
    const when = g.source.computedAt ? cstDate(new Date(g.source.computedAt)) : today;
    const note = g.source.available
      ? `来源：${g.source.ref}（指标来源 ${g.source.key}，${g.source.module} 模块），计算于 ${when}`
      : `来源：${g.source.key}（${g.source.module} 模块）暂不可用，无数据`;
    const change =
      g.kind === 'change'
        ? g.changeMode === 'relative'
          ? '（按相对百分比计）'
          : g.unit === 'percent'
            ? '（按百分点计）'
            : ''
        : '';
    blocks.push(
      para(
        `${g.name}（${g.orgUnitName}，${g.periodName}）：目标${formatValue(g.unit, g.target)}${change}，实际${formatValue(g.unit, g.value)}`,
        notes.ref(note),
        `，${STATUS_LABEL[g.status]}${g.gap !== null ? `，差距${formatGap(g.unit, g.gap)}` : ''}。`,
      ),
    );
  }
  return blocks;
}

function taskBlocks(tasks: readonly TaskView[], which: 'done' | 'notDone' | 'both'): Block[] {
  const { done, notDone } = splitTasks(tasks);
  const blocks: Block[] = [];
  if (which !== 'notDone') {
    blocks.push(para(`已完成的任务（${done.length}项）：`));
    if (done.length > 0)
      blocks.push(
        table(
          [{ title: '任务', width: 4 }, { title: '牵头单位', width: 2 }, { title: '责任单位数' }],
          done.map((t) => [t.title, t.leadUnit, t.units.length]),
        ),
      );
  }
  if (which !== 'done') {
    blocks.push(para(`未完成的任务（${notDone.length}项）：`));
    if (notDone.length > 0)
      blocks.push(
        table(
          [
            { title: '任务', width: 4 },
            { title: '牵头单位', width: 2 },
            { title: '未完成单位', width: 4 },
            { title: '逾期次数' },
          ],
          notDone.map(({ task, owing }) => [
            task.title,
            task.leadUnit,
            owing.slice(0, 8).join('、') + (owing.length > 8 ? ` 等${owing.length}个` : ''),
            task.overdue,
          ]),
        ),
      );
  }
  return blocks;
}

/** How the 总结 names the ledger's source modules. */
export const PROBLEM_SOURCES: Record<string, string> = {
  inspections: '督导检查',
  surveys: '满意度测评',
  cases: '家长诉求',
  plans: '规划目标任务',
};
const PROBLEM_STATES: [string, string][] = [
  ['found', '待下达'],
  ['ordered', '整改中'],
  ['objected', '异议复查中'],
  ['responded', '待核验'],
  ['closed', '已销号'],
  ['withdrawn', '已撤销'],
];

/** 问题发现与整改: counts by source and state, closure rate, mean days to close, the open ones (overdue marked). */
export function problemBlocks(s: ProblemStats, notes: Footnotes, today: string): Block[] {
  const note = notes.ref(
    `来源：问题整改台账（inspections 模块），${s.from}至${s.to}登记的问题，计算于 ${today}；销号率 = 已销号 ÷ 登记数，平均整改天数 = 已销号问题（销号日期 − 登记日期）的平均天数`,
  );
  if (s.total === 0) return [para(`${s.from}至${s.to}，本方案涉及的学校未登记问题`, note, '。')];
  const overdue = s.open.filter((o) => o.overdue).length;
  const blocks: Block[] = [
    para(
      `${s.from}至${s.to}，本方案涉及的学校共登记问题${s.total}个，已销号${s.closed}个，销号率${((s.closureRate ?? 0) * 100).toFixed(1)}%`,
      note,
      `，${s.meanDaysToClose === null ? '尚无销号的问题' : `平均整改${s.meanDaysToClose.toFixed(1)}天`}；未销号${s.open.length}个，其中逾期${overdue}个。`,
    ),
    table(
      [{ title: '来源', width: 2 }, { title: '登记' }, ...PROBLEM_STATES.map(([, label]) => ({ title: label }))],
      s.bySource.map((b) => [
        PROBLEM_SOURCES[b.source] ?? b.source,
        b.total,
        ...PROBLEM_STATES.map(([k]) => b.byStatus[k] ?? 0),
      ]),
    ),
  ];
  if (s.open.length > 0) {
    blocks.push(para(`未销号的问题（${s.open.length}个）：`));
    blocks.push(
      table(
        [
          { title: '学校', width: 2 },
          { title: '来源', width: 1.4 },
          { title: '问题', width: 4 },
          { title: '状态' },
          { title: '整改期限', width: 1.4 },
        ],
        s.open.map((o) => [
          o.schoolName,
          PROBLEM_SOURCES[o.source] ?? o.source,
          o.description,
          `${PROBLEM_STATES.find(([k]) => k === o.status)?.[1] ?? o.status}${o.overdue ? '（逾期）' : ''}`,
          o.deadline ?? '',
        ]),
      ),
    );
  }
  return blocks;
}

export interface SummaryInput {
  view: PlanView;
  /** The rectification ledger's numbers for the plan (null: not loaded, the section says so). */
  problems?: ProblemStats | null;
  style: SummaryStyle;
  narratives: Record<string, string>;
  countyName: string;
  now: Date;
}

/** The blocks and footnotes of the 总结. */
export function composeSummary(input: SummaryInput): { title: string; blocks: Block[]; footnotes: Footnotes } {
  const { view, style, narratives } = input;
  const notes = new Footnotes();
  const today = cstDate(input.now);
  const p = view.plan;
  const title = `${p.title}工作总结`;
  const counts = rollup(view.goals.map((g) => g.status)).counts;
  const { done, notDone } = splitTasks(view.tasks);
  const headline = `本方案（${PLAN_KINDS[p.kind as PlanKind] ?? p.kind}，${p.startDate}至${p.endDate}）共设目标${view.goals.length}项：已达成${counts.green}项，按进度推进${counts.amber}项，落后${counts.red}项，暂无数据${counts.grey}项；任务${view.tasks.length}项，已完成${done.length}项，未完成${notDone.length}项（统计截至${today}）。`;
  const roster = (Object.keys(GROUP_ROLES) as (keyof typeof GROUP_ROLES)[])
    .map((role) => {
      const names = p.leadingGroup
        .filter((m) => m.role === role)
        .map((m) => (m.title ? `${m.name}（${m.title}）` : m.name));
      return names.length ? `${GROUP_ROLES[role]}：${names.join('、')}` : null;
    })
    .filter(Boolean)
    .join('；');
  const problemSection = () =>
    input.problems ? problemBlocks(input.problems, notes, today) : [para('未取得问题整改台账的数据。')];
  const auto: Record<string, () => Block[]> = {
    opening: () => [para(headline)],
    goals: () => goalBlocks(view.goals, notes, today),
    tasks: () => taskBlocks(view.tasks, 'both'),
    closing: () => [],
    plan: () => [para(headline), para(`领导小组：${roster || '未登记'}。`), ...goalBlocks(view.goals, notes, today)],
    do: () => taskBlocks(view.tasks, 'done'),
    check: () => taskBlocks(view.tasks, 'notDone'),
    act: () => [heading('问题发现与整改', 2), ...problemSection()],
    problems: () => problemSection(),
    next: () => {
      const unmet = view.goals.filter((g) => g.status === 'red' || g.status === 'amber');
      return unmet.length
        ? [para(`未达成的目标：${unmet.map((g) => `${g.name}（${g.orgUnitName}）`).join('、')}。`)]
        : [];
    },
    suggestions: () => [],
    guiding: () => (p.basis ? [para(`依据：${p.basis}。`)] : []),
    leadership: () => [para(`领导小组：${roster || '未登记'}。`)],
    phases: () => [
      table(
        [{ title: '阶段', width: 2 }, { title: '起止日期', width: 3 }, { title: '状态' }],
        view.phases.map((ph) => [
          ph.name,
          `${ph.startDate}至${ph.endDate}`,
          ph.state === 'done' ? '已结束' : ph.state === 'current' ? '进行中' : '未开始',
        ]),
      ),
    ],
    safeguards: () => [],
  };
  const blocks: Block[] = [...docTitle(title, `${p.ownerName}　${today}`)];
  if (style === 'mirror') blocks.push(para(headline));
  for (const s of SECTIONS[style]) {
    blocks.push(heading(s.title, 1));
    const text = narratives[s.key]?.trim();
    if (text) for (const line of text.split(/\n+/)) blocks.push(para(line));
    blocks.push(...auto[s.key]());
  }
  return { title, blocks, footnotes: notes };
}
