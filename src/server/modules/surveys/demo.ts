import { sql } from 'kysely';
import { mulberry32 } from '../../../common/surveys/sampling.js';
import { TEMPLATE_PARENT } from '../../../common/surveys/templates.js';
import type { Db } from '../../db/pool.js';
import { newCode } from './codes.js';
import { seedTemplates } from './definitions.js';

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
        const pick = (bias = 0) => {
          const x = rand();
          if (x < 0.04) return '不了解';
          if (x < 0.04 + (p + bias) * 0.62) return '满意';
          if (x < 0.04 + (p + bias) * 0.96) return '基本满意';
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
