import { sql } from 'kysely';
import { DEFAULT_TIME_LIMITS } from '../../../common/surveys/cases.js';
import { mulberry32 } from '../../../common/surveys/sampling.js';
import { TEMPLATE_PARENT } from '../../../common/surveys/templates.js';
import type { Db } from '../../db/pool.js';
import { newCode } from './codes.js';
import { seedTemplates } from './definitions.js';
import { raiseProblem } from './ledger.js';

/**
 * The surveys module's records in the demo county (deterministic): the templates, last term's parent survey
 * (closed) and this term's (open for two more weeks, so the public page works), over every class of the current
 * year. About a third of the families answered last term and two fifths this term; each school has its own level
 * of satisfaction (a few clearly weaker ones, so the bottom of the ranking means something), and a few comments.
 */
const COMMENTS = [
  '希望食堂饭菜再丰富一些',
  '作业有时太多，孩子睡得晚',
  '老师很负责，感谢',
  '校门口上下学时段交通拥堵，建议安排护学岗',
  '希望多开展体育活动',
  '校车太挤，希望增加班次',
  '家校沟通及时，很满意',
];

export async function seedSurveysDemo(db: Db, countyId: number): Promise<void> {
  await seedTemplates(db, countyId);
  await seedCasesDemo(db, countyId);
  const survey = await db
    .selectFrom('survey_definitions')
    .select('id')
    .where('county_id', '=', countyId)
    .where('template_key', '=', 'parent')
    .executeTakeFirstOrThrow();
  const classes = await db
    .selectFrom('classes as c')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .select([
      'c.id',
      'c.school_id as schoolId',
      sql<number>`(SELECT count(*)::int FROM students s WHERE s.county_id = c.county_id AND s.class_id = c.id AND s.status = 'active')`.as(
        'eligible',
      ),
    ])
    .where('c.county_id', '=', countyId)
    .where('y.is_current', '=', true)
    .where('c.archived_at', 'is', null)
    .orderBy('c.id')
    .execute();
  if (classes.length === 0) return;
  const schoolIds = [...new Set(classes.map((c) => c.schoolId))];
  const day = 86_400_000;
  const now = Date.now();
  const rounds = [
    { title: '上学期家长满意度测评', opens: now - 150 * day, closes: now - 136 * day, share: 0.33, shift: -0.05 },
    { title: '本学期家长满意度测评', opens: now - 7 * day, closes: now + 14 * day, share: 0.4, shift: 0 },
  ];
  let previous: number | null = null;
  for (const [k, round] of rounds.entries()) {
    const c = await db
      .insertInto('survey_campaigns')
      .values({
        county_id: countyId,
        survey_id: survey.id,
        title: round.title,
        audience: 'parents',
        definition: JSON.stringify(TEMPLATE_PARENT),
        mode: 'open',
        school_ids: schoolIds,
        opens_at: new Date(round.opens),
        closes_at: new Date(round.closes),
        target: 0.5,
        previous_campaign_id: previous,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    previous = c.id;
    const units = await db
      .insertInto('survey_units')
      .values(
        classes.map((cl) => ({
          county_id: countyId,
          campaign_id: c.id,
          school_id: cl.schoolId,
          class_id: cl.id,
          eligible: cl.eligible,
          link_code: newCode(),
        })),
      )
      .returning(['id', 'school_id', 'class_id', 'eligible'])
      .execute();
    const rand = mulberry32(20251 + k);
    // A school's level: most between 0.75 and 0.95 satisfied; every eleventh school noticeably lower.
    const level = new Map(
      schoolIds.map((s, i) => [s, (i % 11 === 7 ? 0.6 : 0.78 + ((i * 37) % 17) / 100) + round.shift]),
    );
    const rows: {
      county_id: number;
      campaign_id: number;
      unit_id: number;
      school_id: number;
      class_id: number | null;
      answers: string;
      submitted_on: string;
    }[] = [];
    for (const u of units) {
      const share = round.share * (0.5 + rand());
      const n = Math.min(u.eligible, Math.round(u.eligible * share));
      const p = level.get(u.school_id)!;
      for (let i = 0; i < n; i++) {
        // A family's general mood moves all its answers together, so dimensions correlate with the overall view.
        const mood = (rand() - 0.5) * 0.5;
        const pick = (bias = 0) => {
          const x = rand();
          if (x < 0.04) return '不了解';
          if (x < 0.04 + (p + bias + mood) * 0.62) return '满意';
          if (x < 0.04 + (p + bias + mood) * 0.96) return '基本满意';
          return '不满意';
        };
        const answers: Record<string, unknown> = {
          overall: pick(),
          dims: { ethics: pick(0.05), teaching: pick(), burden: pick(-0.12), service: pick(-0.05), safety: pick(0.04) },
          homework: Math.round(30 + rand() * 90),
        };
        if (answers.overall === '不满意') answers.unsatisfied_reason = COMMENTS[Math.floor(rand() * 2)];
        if (rand() < 0.08) answers.comment = COMMENTS[Math.floor(rand() * COMMENTS.length)];
        const date = new Date(Math.min(now, round.opens + rand() * (Math.min(now, round.closes) - round.opens)));
        rows.push({
          county_id: countyId,
          campaign_id: c.id,
          unit_id: u.id,
          school_id: u.school_id,
          class_id: u.class_id,
          answers: JSON.stringify(answers),
          submitted_on: date.toISOString().slice(0, 10),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('survey_responses')
        .values(rows.slice(i, i + 2000))
        .execute();
  }
}

/** Concerns of the demo county: every state, some overdue, from every channel, with their timelines; ledger items. */
const CASES: [string, string, string][] = [
  ['食堂', '午餐分量偏少', '孩子反映中午吃不饱，希望学校关注。'],
  ['作业负担', '三年级作业太多', '每天作业要写到晚上九点多。'],
  ['校车', '校车拥挤', '早上校车很挤，担心安全。'],
  ['收费', '资料费收取不明', '班级收取资料费，未说明用途。'],
  ['有偿补课', '老师课外有偿补课', '听说有老师周末在校外办班收费。'],
  ['安全', '校门口交通拥堵', '放学时段校门口车辆混乱。'],
  ['师德', '老师言语过激', '孩子说老师在班上批评时用词不当。'],
  ['教学', '英语课经常换老师', '一个学期换了三位英语老师。'],
  ['入学', '划片入学咨询', '新搬来的住户孩子入学问题。'],
  ['其他', '希望开放操场', '周末能否开放学校操场给学生锻炼。'],
];
const STEPS: { state: string; events: [string, string | null][] }[] = [
  { state: 'pending', events: [] },
  { state: 'handling', events: [['accept', null]] },
  {
    state: 'supplement',
    events: [
      ['accept', null],
      ['request_info', '请提供具体班级'],
    ],
  },
  {
    state: 'replied',
    events: [
      ['accept', null],
      ['reply', '已核实并整改，详见学校公告。'],
    ],
  },
  {
    state: 'visited',
    events: [
      ['accept', null],
      ['reply', '已调整并告知家长。'],
      ['visit', '回访：不满意'],
    ],
  },
  {
    state: 'closed',
    events: [
      ['accept', null],
      ['reply', '已整改。'],
      ['visit', '回访：满意'],
      ['close', '问题已解决，家长认可。'],
    ],
  },
];

async function seedCasesDemo(db: Db, countyId: number): Promise<void> {
  const schools = await db
    .selectFrom('schools')
    .select('id')
    .where('county_id', '=', countyId)
    .orderBy('code')
    .limit(12)
    .execute();
  if (schools.length === 0) return;
  const rand = mulberry32(4242);
  const channels = ['public', 'phone', 'hotline12345', 'survey'];
  const day = 86_400_000;
  for (let i = 0; i < 36; i++) {
    const [category, title, content] = CASES[i % CASES.length];
    const step = STEPS[i % STEPS.length];
    const received = new Date(Date.now() - (2 + Math.floor(rand() * 40)) * day);
    const state = step.state;
    const visited = step.events.find(([a]) => a === 'visit');
    const c = await db
      .insertInto('cases')
      .values({
        county_id: countyId,
        tracking_code: newCode(),
        channel: channels[i % channels.length],
        external_ref: i % channels.length === 2 ? `12345-${202600 + i}` : null,
        category,
        urgency: i % 9 === 0 ? 'urgent' : 'normal',
        school_id: schools[i % schools.length].id,
        title,
        content,
        anonymous: i % 3 !== 0,
        contact_name: i % 3 === 0 ? '王女士' : null,
        contact_phone: i % 3 === 0 ? `1380000${String(1000 + i)}` : null,
        state,
        limits: JSON.stringify(i % 9 === 0 ? DEFAULT_TIME_LIMITS.urgent : DEFAULT_TIME_LIMITS.normal),
        clock_start: received,
        received_at: received,
        pauses:
          state === 'supplement'
            ? JSON.stringify([{ from: new Date(received.getTime() + day).toISOString(), to: null }])
            : '[]',
        accepted_at: step.events.length > 0 ? new Date(received.getTime() + (i % 4 === 0 ? 3 : 0.5) * day) : null,
        replied_at: step.events.some(([a]) => a === 'reply')
          ? new Date(received.getTime() + (2 + (i % 9)) * day)
          : null,
        closed_at: state === 'closed' ? new Date(received.getTime() + (6 + (i % 14)) * day) : null,
        reply: step.events.find(([a]) => a === 'reply')?.[1] ?? null,
        visit_verdict: visited ? (visited[1]?.includes('不满意') ? '不满意' : '满意') : null,
        resolution: state === 'closed' ? '问题已解决，家长认可。' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_events')
      .values([
        { county_id: countyId, case_id: c.id, action: 'receive', to_state: 'pending', note: '受理', at: received },
        ...step.events.map(([action, note], k) => ({
          county_id: countyId,
          case_id: c.id,
          action,
          note,
          username: action === 'visit' || action === 'close' ? 'admin' : 'principal',
          at: new Date(received.getTime() + (k + 1) * day),
        })),
      ])
      .execute();
  }
  await db
    .insertInto('case_reply_templates')
    .values([
      {
        county_id: countyId,
        category: null,
        title: '已核实整改',
        body: '您反映的问题已收悉。经核实，学校已按要求整改，感谢您的监督。',
      },
      {
        county_id: countyId,
        category: '作业负担',
        title: '作业调整',
        body: '学校已组织年级组核查作业量，已调整为每天书面作业不超过规定时长。',
      },
    ])
    .execute();
  // 问题清单: a weak dimension of this term's campaign and a case, raised into the rectification ledger.
  const actor = { countyId, userId: null, username: 'demo' };
  const campaign = await db
    .selectFrom('survey_campaigns')
    .select('id')
    .where('county_id', '=', countyId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (campaign) {
    await raiseProblem(db, actor, {
      schoolId: schools[0].id,
      title: '学业负担满意率偏低',
      detail: '本学期测评学业负担维度低于全县平均',
      origin: { campaignId: campaign.id, dimension: '学业负担' },
    });
  }
  const aCase = await db
    .selectFrom('cases')
    .select(['id', 'title', 'content'])
    .where('county_id', '=', countyId)
    .where('school_id', '=', schools[1 % schools.length].id)
    .orderBy('id')
    .executeTakeFirst();
  if (aCase) {
    await raiseProblem(db, actor, {
      schoolId: schools[1 % schools.length].id,
      title: aCase.title,
      detail: aCase.content,
      origin: { caseId: aCase.id },
    });
  }
  await db
    .insertInto('school_ledger_items')
    .values([
      {
        county_id: countyId,
        list: 'special_parent',
        school_id: schools[0].id,
        title: '三年级一名学生家长多次反映作业问题',
        detail: '班主任每周沟通一次',
      },
    ])
    .execute();
}
