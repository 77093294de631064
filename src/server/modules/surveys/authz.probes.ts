import { TEMPLATE_PARENT } from '../../../common/surveys/templates.js';
import {
  ALL,
  type Allow,
  COUNTY,
  MANAGE_A,
  MANAGE_SOME,
  type Probe,
  type ProbeContext,
  SEE_A_STAFF,
} from '../../testing/authz.js';
import { createCase } from './cases.js';
import { newCode } from './codes.js';

/**
 * The surveys module's rows of the authorization matrix. A campaign of school A (open link, class a31) is written
 * straight into the database: who sees school A reads it, who manages A changes it, principalB gets 403.
 */
export async function surveysProbes(ctx: ProbeContext): Promise<Probe[]> {
  const { db, fx } = ctx;
  const survey = await db
    .insertInto('survey_definitions')
    .values({ county_id: fx.countyId, title: 'p', audience: 'parents', definition: JSON.stringify(TEMPLATE_PARENT) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('survey_campaigns')
    .values({
      county_id: fx.countyId,
      survey_id: survey.id,
      title: 'probe',
      audience: 'parents',
      definition: JSON.stringify(TEMPLATE_PARENT),
      mode: 'open',
      school_ids: [fx.schools.a],
      opens_at: new Date(Date.now() - 86_400_000),
      closes_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const code = newCode();
  await db
    .insertInto('survey_units')
    .values({
      county_id: fx.countyId,
      campaign_id: campaign.id,
      school_id: fx.schools.a,
      class_id: fx.classes.a31,
      eligible: 3,
      link_code: code,
    })
    .execute();
  const kase = await createCase(
    db,
    fx.countyId,
    { channel: 'phone', category: '食堂', schoolId: fx.schools.a, title: 'p', content: 'p' },
    { userId: null, username: null },
  );
  const county = await db.selectFrom('regions').select('code').where('id', '=', fx.countyId).executeTakeFirstOrThrow();
  const v = '/api/v1/surveys';
  const c = `${v}/campaigns/${campaign.id}`;
  const none = 999_999_999;
  return [
    { method: 'GET', route: `${v}/definitions`, url: `${v}/definitions`, allow: ALL },
    { method: 'GET', route: `${v}/definitions/:id`, url: `${v}/definitions/${survey.id}`, allow: ALL },
    { method: 'GET', route: `${v}/definitions/:id/export`, url: `${v}/definitions/${survey.id}/export`, allow: ALL },
    { method: 'POST', route: `${v}/definitions`, url: `${v}/definitions`, body: {}, allow: MANAGE_SOME },
    {
      method: 'PUT',
      route: `${v}/definitions/:id`,
      url: `${v}/definitions/${survey.id}`,
      body: {},
      allow: MANAGE_SOME,
    },
    { method: 'DELETE', route: `${v}/definitions/:id`, url: `${v}/definitions/${none}`, allow: MANAGE_SOME },
    { method: 'GET', route: `${v}/campaigns`, url: `${v}/campaigns`, allow: ALL },
    { method: 'POST', route: `${v}/campaigns`, url: `${v}/campaigns`, body: {}, allow: MANAGE_SOME },
    { method: 'GET', route: `${v}/campaigns/:id`, url: c, allow: SEE_A_STAFF },
    { method: 'PATCH', route: `${v}/campaigns/:id`, url: c, body: {}, allow: MANAGE_A },
    { method: 'GET', route: `${v}/campaigns/:id/posters`, url: `${c}/posters`, allow: SEE_A_STAFF },
    { method: 'POST', route: `${v}/campaigns/:id/tokens`, url: `${c}/tokens`, body: {}, allow: MANAGE_A },
    { method: 'GET', route: `${v}/campaigns/:id/results`, url: `${c}/results`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/campaigns/:id/comments`, url: `${c}/comments`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/campaigns/:id/export`, url: `${c}/export`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/campaigns/:id/bulletin`, url: `${c}/bulletin`, allow: SEE_A_STAFF },
    { method: 'GET', route: `${v}/public/form`, url: `${v}/public/form?c=${code}`, allow: ALL, public: true },
    {
      method: 'POST',
      route: `${v}/public/responses`,
      url: `${v}/public/responses`,
      body: {},
      allow: ALL,
      public: true,
    },
    {
      method: 'GET',
      route: `${v}/public/concern-form`,
      url: `${v}/public/concern-form?county=${county.code}`,
      allow: ALL,
      public: true,
    },
    { method: 'POST', route: `${v}/public/cases`, url: `${v}/public/cases`, body: {}, allow: ALL, public: true },
    {
      method: 'GET',
      route: `${v}/public/cases/:code`,
      url: `${v}/public/cases/${kase.trackingCode}`,
      allow: ALL,
      public: true,
    },
    { method: 'GET', route: `${v}/cases`, url: `${v}/cases`, allow: ALL },
    // Logging a case needs the bureau, or management of the case's school (checked on the body: {} has none).
    { method: 'POST', route: `${v}/cases`, url: `${v}/cases`, body: {}, allow: ALL },
    { method: 'GET', route: `${v}/cases/:id`, url: `${v}/cases/${kase.id}`, allow: SEE_A_CASES },
    { method: 'POST', route: `${v}/cases/:id/actions`, url: `${v}/cases/${kase.id}/actions`, body: {}, allow: ALL },
    { method: 'POST', route: `${v}/cases/:id/urge`, url: `${v}/cases/${kase.id}/urge`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${v}/cases-stats`, url: `${v}/cases-stats`, allow: ALL },
    { method: 'GET', route: `${v}/cases-templates`, url: `${v}/cases-templates`, allow: ALL },
    { method: 'POST', route: `${v}/cases-templates`, url: `${v}/cases-templates`, body: {}, allow: MANAGE_SOME },
    { method: 'GET', route: `${v}/cases-limits`, url: `${v}/cases-limits`, allow: ALL },
    { method: 'PUT', route: `${v}/cases-limits`, url: `${v}/cases-limits`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${v}/ledger/:list`, url: `${v}/ledger/problem`, allow: ALL },
    { method: 'GET', route: `${v}/ledger/:list`, url: `${v}/ledger/special_parent`, allow: SPECIAL },
    { method: 'POST', route: `${v}/ledger/:list`, url: `${v}/ledger/problem`, body: {}, allow: ALL },
    {
      method: 'POST',
      route: `${v}/ledger/:list/:id/steps`,
      url: `${v}/ledger/special_parent/${none}/steps`,
      body: {},
      allow: ALL,
    },
  ];
}

/** The named roles of the special-parent list among the fixture's users (教育局管理员, 局领导, 校长). */
const SPECIAL: Allow = ['countyAdmin', 'districtLeader', 'principalA', 'principalB'];

/** Who sees a case of school A: the bureau roles over A and those who see A whole (not a teacher by their classes). */
const SEE_A_CASES: Allow = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'subjectLeaderAMath',
];
