import { sql } from 'kysely';
import { DEFAULT_MIN_GROUP_SIZE } from '../../../common/surveys/stats.js';
import type { Db } from '../../db/pool.js';

/** One class-day of the 今日作业时长 survey: the minutes its families answered (only when enough answered). */
export interface MeasuredClassDay {
  classId: number;
  date: string;
  /** The answers of the question `minutes`, each 0–600 (the form refuses others). */
  answers: number[];
}

/**
 * Measured homework minutes for the activities module: the answers to question `minutes` of every campaign opened
 * from the county's 今日作业时长 template (definition template_key 'homework'), grouped by the answering class
 * (`survey_responses.class_id`) and the day of the answer (`submitted_on`), in [from, to]. A class-day with fewer
 * than DEFAULT_MIN_GROUP_SIZE (10) answers is left out entirely — neither its answers nor its count leave this
 * module (the surveys anonymity rule: no figure behind fewer than 10 respondents).
 */
export async function measuredHomeworkMinutes(
  db: Db,
  countyId: number,
  w: { from: string; to: string; schoolId?: number; classId?: number },
): Promise<MeasuredClassDay[]> {
  const rows = await db
    .selectFrom('survey_responses as r')
    .innerJoin('survey_campaigns as c', (j) =>
      j.onRef('c.county_id', '=', 'r.county_id').onRef('c.id', '=', 'r.campaign_id'),
    )
    .innerJoin('survey_definitions as d', (j) =>
      j.onRef('d.county_id', '=', 'c.county_id').onRef('d.id', '=', 'c.survey_id'),
    )
    .select([
      'r.class_id as classId',
      sql<string>`r.submitted_on::text`.as('date'),
      sql<number[]>`array_agg((r.answers->>'minutes')::numeric::float8 ORDER BY r.id)`.as('answers'),
    ])
    .where('r.county_id', '=', countyId)
    .where('d.template_key', '=', 'homework')
    .where('r.class_id', 'is not', null)
    .where(sql<boolean>`jsonb_typeof(r.answers->'minutes') = 'number'`)
    .where('r.submitted_on', '>=', w.from)
    .where('r.submitted_on', '<=', w.to)
    .$if(w.schoolId !== undefined, (q) => q.where('r.school_id', '=', w.schoolId as number))
    .$if(w.classId !== undefined, (q) => q.where('r.class_id', '=', w.classId as number))
    .groupBy(['r.class_id', 'r.submitted_on'])
    .having(sql<boolean>`count(*) >= ${DEFAULT_MIN_GROUP_SIZE}`)
    .orderBy('r.class_id')
    .orderBy('r.submitted_on')
    .execute();
  return rows.map((r) => ({ classId: Number(r.classId), date: r.date, answers: r.answers.map(Number) }));
}
