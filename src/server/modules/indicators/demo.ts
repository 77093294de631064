import { cstDate, cstInstant, type Recurrence } from '../../../common/calendar/index.js';
import type { Db } from '../../db/pool.js';
import { loadWorkingCalendar } from '../../platform/calendar.js';
import { todayInChina } from '../org/shared.js';
import { ensureLibrary, ensurePeriods } from './library.js';
import { defaultPhases } from './plans/phases.js';
import { taskDues } from './plans/tasks-due.js';

/** A deterministic "random" in [0, 1) from integers, so the demo is the same on every first start of a day. */
function hash(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ x, 16777619) >>> 0;
  return (h % 10_000) / 10_000;
}

const WEEKLY = { kind: 'weekly', weekday: 4, time: '17:00', shift: 'previous' } as const satisfies Recurrence;
const MONTHLY = { kind: 'monthly', day: 23, time: '17:00', shift: 'previous' } as const satisfies Recurrence;

/**
 * The demo county's plans (deterministic, a second or so): the bureau's 教学质量提升年活动 over the current school year
 * with the four phases, a leading group, goals bound to seeded indicators (org registry numbers, a hand-entered
 * value approved with evidence, the 篇2 pass-rate target whose exams source arrives with that module), tasks for
 * schools — the weekly report every Thursday 17:00 (seed-004 W18), the school plan due 10月下旬 (seed-000 W1 L79), a
 * monthly dispatch on the 23rd — with most reports in, some late and some overdue; school plans filed, approved,
 * returned or missing; and a small plan of 城关第一小学.
 */
export async function seedIndicatorsDemo(db: Db, countyId: number): Promise<void> {
  await ensureLibrary(db, countyId);
  await ensurePeriods(db, countyId);
  const year = await db
    .selectFrom('school_years')
    .selectAll()
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (!year) return;
  const today = todayInChina();
  const now = new Date();
  const period = await db
    .selectFrom('indicator_periods')
    .select('id')
    .where('county_id', '=', countyId)
    .where('kind', '=', 'school_year')
    .where('school_year_id', '=', year.id)
    .executeTakeFirstOrThrow();
  const ind = new Map(
    (await db.selectFrom('indicators').select(['id', 'code']).where('county_id', '=', countyId).execute()).map((i) => [
      i.code,
      i.id,
    ]),
  );
  const schools = await db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where('county_id', '=', countyId)
    .where('archived_at', 'is', null)
    .orderBy('code')
    .execute();
  const start = year.start_date;
  const end = year.end_date;
  const filingDue = `${start.slice(0, 4)}-10-25`;

  const plan = await db
    .insertInto('plans')
    .values({
      county_id: countyId,
      kind: 'improvement_year',
      title: `${year.name}学年教学质量提升年活动`,
      owner_level: 'county',
      owner_id: countyId,
      start_date: start,
      end_date: end,
      basis: '《县教育局关于开展教学质量提升年活动的实施方案》；县教育局三年行动计划',
      leading_group: JSON.stringify([
        { role: 'leader', name: '张建国', title: '局长' },
        { role: 'deputy', name: '李明', title: '副局长' },
        { role: 'deputy', name: '王芳', title: '副局长' },
        { role: 'member', name: '赵强', title: '基础教育股股长' },
        { role: 'member', name: '陈静', title: '教研室主任' },
        { role: 'office', name: '县教师发展中心', title: '办公室主任 陈静' },
      ]),
      parent_plan_id: null,
      filing_due: filingDue,
      summary_style: 'mirror',
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const phases = defaultPhases(start, end);
  await db
    .insertInto('plan_phases')
    .values(
      phases.map((p, i) => ({
        county_id: countyId,
        plan_id: plan.id,
        name: p.name,
        start_date: p.startDate,
        end_date: p.endDate,
        sort: i,
      })),
    )
    .execute();

  // Goals bound to targets of the county for this school year.
  const target = async (
    code: string,
    t: {
      kind: 'absolute' | 'change' | 'count' | 'rank';
      value?: number;
      delta?: number;
      baseline?: number;
      citation: string;
    },
  ) => {
    const row = await db
      .insertInto('indicator_targets')
      .values({
        county_id: countyId,
        indicator_id: ind.get(code) as number,
        unit_level: 'county',
        unit_id: countyId,
        period_id: period.id,
        kind: t.kind,
        value: t.value ?? null,
        delta: t.delta ?? null,
        change_mode: t.kind === 'change' ? 'points' : null,
        among: t.kind === 'rank' ? '全市' : null,
        baseline: t.baseline ?? null,
        split_from_id: null,
        citation: t.citation,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('plan_goals').values({ county_id: countyId, plan_id: plan.id, target_id: row.id }).execute();
    return row.id;
  };
  await target('primary-grad-pass-rate', {
    kind: 'change',
    delta: 0.035,
    baseline: 0.82,
    citation: 'seed-000 §3.2 #14（篇2 L125）每年提升3.5个百分点',
  });
  await target('large-class-share', { kind: 'absolute', value: 0, citation: 'seed-001 §3 Q63 全面消除大班额' });
  await target('task-completion-rate', {
    kind: 'absolute',
    value: 0.9,
    citation: 'seed-000 §3.5 #133–#134 双月调度、季度通报',
  });
  await target('school-plan-filed-rate', {
    kind: 'absolute',
    value: 1,
    citation: 'seed-000 §3.1 #9 各校方案10月下旬报送',
  });
  await target('gaokao-tier1-rate', { kind: 'absolute', value: 0.08, citation: 'seed-000 §3.2 #28（篇2 L133）' });
  await target('satisfaction-city-rank', { kind: 'rank', value: 3, citation: 'seed-004 §3a Q01 确保全市前3名' });
  await db
    .insertInto('indicator_manual_values')
    .values({
      county_id: countyId,
      indicator_id: ind.get('gaokao-tier1-rate') as number,
      unit_level: 'county',
      unit_id: countyId,
      period_id: period.id,
      value: 0.083,
      evidence_note: '省教育考试院高考录取统计（一本上线人数÷报名人数）',
      evidence_file: null,
      evidence_file_name: null,
      status: 'approved',
      entered_by: null,
      reviewed_by: null,
      review_comment: null,
      reviewed_at: now,
    })
    .execute();
  await db
    .insertInto('indicator_manual_values')
    .values({
      county_id: countyId,
      indicator_id: ind.get('satisfaction-city-rank') as number,
      unit_level: 'county',
      unit_id: countyId,
      period_id: period.id,
      value: 5,
      evidence_note: '市教育局群众满意度测评通报（第一季度）',
      evidence_file: null,
      evidence_file_name: null,
      status: 'pending',
      entered_by: null,
      reviewed_by: null,
      review_comment: null,
      reviewed_at: null,
    })
    .execute();

  // Tasks.
  const phaseIds = await db
    .selectFrom('plan_phases')
    .select(['id', 'name'])
    .where('county_id', '=', countyId)
    .where('plan_id', '=', plan.id)
    .orderBy('sort')
    .execute();
  const task = async (t: {
    phase: number;
    title: string;
    description: string;
    lead: string;
    schools: boolean;
    depts?: string[];
    person: string;
    due?: string;
    recurrence?: Recurrence;
    evidence: string;
  }) =>
    await db
      .insertInto('plan_tasks')
      .values({
        county_id: countyId,
        plan_id: plan.id,
        phase_id: phaseIds[t.phase]?.id ?? null,
        title: t.title,
        description: t.description,
        lead_unit: t.lead,
        responsible_school_ids: t.schools ? schools.map((s) => s.id) : [],
        responsible_depts: t.depts ?? [],
        responsible_person: t.person,
        due_date: t.due ?? null,
        recurrence: JSON.stringify(t.recurrence ?? null),
        evidence_required: t.evidence,
      })
      .returning(['id', 'due_date', 'recurrence'])
      .executeTakeFirstOrThrow();
  const tasks = [
    {
      share: 0.9,
      row: await task({
        phase: 0,
        title: '制定学校教学质量提升年实施方案',
        description: '结合本校实际制定具体的活动内容和活动时间，报活动领导小组办公室。',
        lead: '县教师发展中心',
        schools: true,
        person: '各校校长',
        due: filingDue,
        evidence: '学校实施方案（盖章）',
      }),
    },
    {
      share: 0.85,
      row: await task({
        phase: 1,
        title: '每周工作进展报送',
        description: '每周四下午5:00前将本周工作进展情况通过办公平台报县教育局，注明联系人和电话。',
        lead: '基础教育股',
        schools: true,
        person: '各校联络员',
        recurrence: WEEKLY,
        evidence: '周进展表',
      }),
    },
    {
      share: 0.75,
      row: await task({
        phase: 1,
        title: '教学常规月检查',
        description: '对照“六认真”开展月度常规检查，形成检查记录和整改清单。',
        lead: '县教师发展中心',
        schools: true,
        person: '各校教导主任',
        recurrence: { ...MONTHLY, day: 28 },
        evidence: '检查记录表',
      }),
    },
  ];
  const dispatch = await task({
    phase: 1,
    title: '月度工作调度会',
    description: '每月召开一次联系人会议，对阶段性工作进行总结、交流、调度和部署。',
    lead: '基础教育股',
    schools: false,
    depts: ['基础教育股', '教研室'],
    person: '赵强',
    recurrence: MONTHLY,
    evidence: '会议纪要',
  });
  await task({
    phase: 2,
    title: '期末质量分析与整改',
    description: '期末检测后两周内完成质量分析报告，查摆问题，制定整改措施。',
    lead: '教研室',
    schools: true,
    person: '各校教导主任',
    due: addMonthsIso(start, 5, 20) > end ? end : addMonthsIso(start, 5, 20),
    evidence: '质量分析报告',
  });
  await task({
    phase: 3,
    title: '提升年活动总结表彰',
    description: '全面检查评估，总结经验，表彰先进。',
    lead: '县教师发展中心',
    schools: false,
    depts: ['县教师发展中心'],
    person: '陈静',
    due: end,
    evidence: '总结报告',
  });

  // Reports: each school reports each due date with a chance that depends on the task and the school; late ones
  // come in a day after the deadline; the rest stay overdue.
  const calendar = await loadWorkingCalendar(db, countyId);
  const reports: {
    county_id: number;
    task_id: number;
    school_id: number | null;
    due_date: string;
    status: 'done' | 'in_progress';
    narrative: string;
    files: string;
    reported_by: null;
    reported_at: Date;
  }[] = [];
  for (const { share, row } of tasks) {
    const dues = taskDues(
      { due_date: row.due_date, recurrence: row.recurrence as Recurrence | null },
      start,
      today,
      calendar,
    ).filter((d) => d <= now);
    for (const [si, s] of schools.entries()) {
      const diligence = hash(si, 7);
      for (const [di, d] of dues.entries()) {
        const r = hash(row.id, si, di);
        if (r > share * (0.6 + 0.5 * diligence)) continue;
        const late = r > share * 0.8;
        reports.push({
          county_id: countyId,
          task_id: row.id,
          school_id: s.id,
          due_date: cstDate(d),
          status: 'done',
          narrative: late ? '已补报。' : '按要求完成，材料已上传。',
          files: '[]',
          reported_by: null,
          reported_at: new Date(d.getTime() + (late ? 86_400_000 : -3_600_000)),
        });
      }
    }
  }
  for (const d of taskDues({ due_date: null, recurrence: MONTHLY }, start, today, calendar).filter((x) => x <= now))
    reports.push({
      county_id: countyId,
      task_id: dispatch.id,
      school_id: null,
      due_date: cstDate(d),
      status: 'done',
      narrative: '已召开调度会，形成会议纪要。',
      files: '[]',
      reported_by: null,
      reported_at: new Date(d.getTime() - 7_200_000),
    });
  for (let i = 0; i < reports.length; i += 1000)
    await db
      .insertInto('plan_task_reports')
      .values(reports.slice(i, i + 1000))
      .execute();

  // School plans filed for the bureau plan: most on time, a few late, some returned, some missing.
  if (today >= start) {
    const filings = schools.flatMap((s, si) => {
      const r = hash(si, 31);
      if (r > 0.88) return [];
      const status = r < 0.6 ? ('approved' as const) : r < 0.8 ? ('submitted' as const) : ('returned' as const);
      const submitted = cstInstant(r < 0.83 ? filingDue : today > filingDue ? nextDay(filingDue) : filingDue, '10:00');
      return [
        {
          county_id: countyId,
          plan_id: plan.id,
          school_id: s.id,
          title: `${s.name}教学质量提升年活动实施方案`,
          content: `一、指导思想\n二、工作目标\n三、主要措施\n四、实施步骤\n五、保障措施`,
          file: null,
          file_name: null,
          status,
          review_comment: status === 'returned' ? '请补充具体的活动时间安排和责任分工。' : null,
          submitted_at: submitted,
          reviewed_at: status === 'submitted' ? null : now,
        },
      ];
    });
    if (filings.length) await db.insertInto('plan_filings').values(filings).execute();
  }

  // The demo school's own plan (城关第一小学, the principal account's school).
  const own = schools.find((s) => s.name === '城关第一小学') ?? schools[0];
  if (own) {
    const sp = await db
      .insertInto('plans')
      .values({
        county_id: countyId,
        kind: 'improvement_year',
        title: `${own.name}教学质量提升年实施方案`,
        owner_level: 'school',
        owner_id: own.id,
        start_date: start,
        end_date: end,
        basis: '县教育局提升年活动方案',
        leading_group: JSON.stringify([
          { role: 'leader', name: '校长' },
          { role: 'office', name: '教导处' },
        ]),
        parent_plan_id: plan.id,
        filing_due: null,
        archived_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plan_phases')
      .values(
        phases.map((p, i) => ({
          county_id: countyId,
          plan_id: sp.id,
          name: p.name,
          start_date: p.startDate,
          end_date: p.endDate,
          sort: i,
        })),
      )
      .execute();
    const prep = await db
      .insertInto('plan_tasks')
      .values({
        county_id: countyId,
        plan_id: sp.id,
        phase_id: null,
        title: '集体备课每周一次',
        description: '每周每学科至少一次集体备课（篇1 L53）。',
        lead_unit: '教导处',
        responsible_school_ids: [own.id],
        responsible_depts: [],
        responsible_person: '教导主任',
        due_date: null,
        recurrence: JSON.stringify({ kind: 'weekly', weekday: 3, time: '17:00', shift: 'previous' }),
        evidence_required: '集体备课记录',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Collective preparation reported most weeks; the two most recent weeks are missing (overdue on the board).
    const prepDues = taskDues(
      { due_date: null, recurrence: { kind: 'weekly', weekday: 3, time: '17:00', shift: 'previous' } },
      start,
      today,
      calendar,
    ).filter((d) => d <= now);
    const prepReports = prepDues.slice(0, Math.max(0, prepDues.length - 2)).map((d) => ({
      county_id: countyId,
      task_id: prep.id,
      school_id: own.id,
      due_date: cstDate(d),
      status: 'done' as const,
      narrative: '各学科组已开展集体备课，记录已上传。',
      files: '[]',
      reported_by: null,
      reported_at: new Date(d.getTime() - 3_600_000),
    }));
    if (prepReports.length) await db.insertInto('plan_task_reports').values(prepReports).execute();
    // 周报按时报送率 ≥ 90% for the school (seed-004 W18), computed from its weekly reports to the bureau.
    const weeklyTarget = await db
      .insertInto('indicator_targets')
      .values({
        county_id: countyId,
        indicator_id: ind.get('weekly-report-on-time') as number,
        unit_level: 'school',
        unit_id: own.id,
        period_id: period.id,
        kind: 'absolute',
        value: 0.9,
        delta: null,
        change_mode: null,
        among: null,
        baseline: null,
        split_from_id: null,
        citation: 'seed-004 W18 每周四下午5:00前报送',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plan_goals')
      .values({ county_id: countyId, plan_id: sp.id, target_id: weeklyTarget.id })
      .execute();
  }
}

function addMonthsIso(date: string, months: number, day: number): string {
  const [y, m] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, day));
  return t.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
