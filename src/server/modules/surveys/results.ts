import { collectComments, searchComments } from '../../../common/surveys/comments.js';
import type { SurveyDefinition } from '../../../common/surveys/definition.js';
import { complementarySuppression } from '../../../common/surveys/disclosure.js';
import { type DriverResult, drivers } from '../../../common/surveys/drivers.js';
import { bottomN, type Change, changes, rankUnits, topN } from '../../../common/surveys/ranking.js';
import {
  type CellResult,
  itemKey,
  type UnitResults,
  unitMetrics,
  unitResults,
} from '../../../common/surveys/report.js';
import { DEFAULT_MIN_GROUP_SIZE, type Interval } from '../../../common/surveys/stats.js';
import { type SurveyResponse, scoredItems } from '../../../common/surveys/types.js';
import type { Db } from '../../db/pool.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { type CampaignRow, visibleCampaign } from './campaigns.js';
import { answersVersion, cached, remember } from './results-cache.js';
import { type UnitRow, visibleUnits } from './units.js';

/**
 * A campaign's results for the caller (口径 in docs/modules/surveys.md): the engine's cells (rate with 不了解 apart,
 * 0–100 index with its 95% interval) per class, school, 学区 and county, over the responses of the units the caller
 * sees. A school (学区, county) row is shown only when the caller sees all of its units, so a 班主任 never gets a
 * "school" made of their class alone. Every group under 10 respondents is suppressed (the engine), and so is the
 * smallest sibling that would give a suppressed one away by subtraction (complementary suppression per parent).
 * Ranking and change are of schools, by the overall satisfaction rate; comments are listed by school, only for
 * schools published in full.
 */
export type Level = 'county' | 'region' | 'school' | 'class';

export type Cell =
  | { suppressed: true }
  | {
      suppressed: false;
      respondents: number;
      rate: number | null;
      rateCi: Interval | null;
      unknownShare: number | null;
      satisfied: number;
      basicallySatisfied: number;
      dissatisfied: number;
      unknown: number;
      index: number | null;
      indexCi: Interval | null;
    };

export interface GroupResult {
  level: Level;
  id: string;
  name: string;
  parentId: string | null;
  suppressed: boolean;
  /** Null when suppressed (not even the count is shown). */
  respondents: number | null;
  overall: Cell;
  dimensions: Record<string, Cell>;
  items: Record<string, Cell>;
}

export interface CampaignResults {
  campaign: { id: number; title: string; audience: string; previousCampaignId: number | null };
  minGroupSize: number;
  dimensions: string[];
  items: { key: string; title: string; dimension: string }[];
  groups: GroupResult[];
  ranking: {
    /** 'rate' (0–1) when the survey has satisfaction-scale items, else 'index' (0–100). */
    measure: 'rate' | 'index';
    top: RankedSchool[];
    bottom: RankedSchool[];
    all: RankedSchool[];
    excluded: { schoolId: string; name: string; reason: string }[];
  };
  changes: { schoolId: string; name: string; change: Change | null }[];
  drivers: DriverResult[];
}
export interface RankedSchool {
  schoolId: string;
  name: string;
  value: number;
  ci: Interval | null;
  rank: number;
  bottomRank: number;
}

interface Loaded {
  campaign: CampaignRow;
  units: UnitRow[];
  /** Campaign units per school and per region, whether visible or not. */
  totals: { school: Map<number, number>; region: Map<number, number>; all: number };
  responses: (SurveyResponse & { unitId: number })[];
}

const SUPPRESSED: Cell = { suppressed: true };

function cell(c: CellResult | undefined): Cell {
  if (!c || c.index.suppressed) return SUPPRESSED;
  const s = c.satisfaction && !c.satisfaction.suppressed ? c.satisfaction : null;
  return {
    suppressed: false,
    respondents: c.index.respondents,
    rate: s?.rate ?? null,
    rateCi: s?.ci ?? null,
    unknownShare: s?.unknownShare ?? null,
    satisfied: s?.satisfied ?? 0,
    basicallySatisfied: s?.basicallySatisfied ?? 0,
    dissatisfied: s?.dissatisfied ?? 0,
    unknown: s?.unknown ?? 0,
    index: c.index.index,
    indexCi: c.index.ci,
  };
}

type LoadedUnits = Omit<Loaded, 'responses'>;

async function loadUnits(db: Db, auth: AuthContext, campaign: CampaignRow): Promise<LoadedUnits> {
  const units = await visibleUnits(db, auth, campaign.id);
  const all = await db
    .selectFrom('survey_units as u')
    .innerJoin('schools as s', (j) => j.onRef('s.county_id', '=', 'u.county_id').onRef('s.id', '=', 'u.school_id'))
    .select(['u.school_id as schoolId', 's.region_id as regionId'])
    .where('u.county_id', '=', auth.user.countyId)
    .where('u.campaign_id', '=', campaign.id)
    .execute();
  const school = new Map<number, number>();
  const region = new Map<number, number>();
  for (const u of all) {
    school.set(u.schoolId, (school.get(u.schoolId) ?? 0) + 1);
    region.set(u.regionId, (region.get(u.regionId) ?? 0) + 1);
  }
  return { campaign, units, totals: { school, region, all: all.length } };
}

async function load(db: Db, auth: AuthContext, campaign: CampaignRow, lu?: LoadedUnits): Promise<Loaded> {
  const { units, totals } = lu ?? (await loadUnits(db, auth, campaign));
  const ids = units.map((u) => u.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('survey_responses')
          .select(['unit_id', 'answers'])
          .where('county_id', '=', auth.user.countyId)
          .where('campaign_id', '=', campaign.id)
          .where('unit_id', 'in', ids)
          .execute();
  return {
    campaign,
    units,
    totals,
    responses: rows.map((r) => ({ unitId: r.unit_id, answers: r.answers as SurveyResponse['answers'] })),
  };
}

interface GroupDef {
  level: Level;
  id: string;
  name: string;
  parentId: string | null;
  unitIds: Set<number>;
}

/** The groups the caller may see whole: classes, schools, 学区 and the county (see the header). */
function groupsOf(l: Loaded, countyName: string): GroupDef[] {
  const out: GroupDef[] = [];
  const bySchool = new Map<number, UnitRow[]>();
  const byRegion = new Map<number, UnitRow[]>();
  for (const u of l.units) {
    pushTo(bySchool, u.schoolId, u);
    pushTo(byRegion, u.regionId, u);
  }
  const countyWhole = l.units.length === l.totals.all;
  if (countyWhole)
    out.push({
      level: 'county',
      id: 'county',
      name: countyName,
      parentId: null,
      unitIds: new Set(l.units.map((u) => u.id)),
    });
  for (const [regionId, us] of byRegion) {
    if (us.length !== l.totals.region.get(regionId)) continue;
    out.push({
      level: 'region',
      id: `r${regionId}`,
      name: us[0].regionName,
      parentId: countyWhole ? 'county' : null,
      unitIds: new Set(us.map((u) => u.id)),
    });
  }
  const regionShown = new Set(out.filter((g) => g.level === 'region').map((g) => g.id));
  for (const [schoolId, us] of bySchool) {
    if (us.length !== l.totals.school.get(schoolId)) continue;
    const r = `r${us[0].regionId}`;
    out.push({
      level: 'school',
      id: `s${schoolId}`,
      name: us[0].schoolName,
      parentId: regionShown.has(r) ? r : null,
      unitIds: new Set(us.map((u) => u.id)),
    });
  }
  const schoolShown = new Set(out.filter((g) => g.level === 'school').map((g) => g.id));
  for (const u of l.units) {
    if (u.classId === null) continue;
    const s = `s${u.schoolId}`;
    out.push({
      level: 'class',
      id: `c${u.id}`,
      name: `${u.schoolName} ${u.className}`,
      parentId: schoolShown.has(s) ? s : null,
      unitIds: new Set([u.id]),
    });
  }
  return out;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export interface ResultsOptions {
  topN?: number;
  countyName?: string;
  /** false = recompute from the answers (tests compare the cached path with it). */
  cache?: boolean;
}

/**
 * The results the caller sees (above), served from the per-campaign cache (results-cache.ts) while the campaign's
 * answers are unchanged. The change column is joined on every call from the previous campaign's (cached) results,
 * so it is never staler than the previous campaign's own answers.
 */
export async function campaignResults(
  db: Db,
  auth: AuthContext,
  campaignId: number,
  options: ResultsOptions = {},
  /** The previous campaign's own change column is not needed (and would walk the whole chain of rounds). */
  withChanges = true,
): Promise<CampaignResults> {
  const campaign = await visibleCampaign(db, auth, campaignId);
  const lu = await loadUnits(db, auth, campaign);
  const useCache = options.cache !== false;
  const key = [
    auth.user.countyId,
    campaign.id,
    options.topN ?? '',
    options.countyName ?? '',
    lu.totals.all,
    lu.units.map((u) => u.id).join(','),
  ].join('|');
  const version = useCache ? await answersVersion(db, auth.user.countyId, campaign.id) : '';
  let core = useCache ? cached<CampaignResults>(key, version) : undefined;
  if (!core) {
    core = computeResults(await load(db, auth, campaign, lu), options);
    if (useCache) remember(key, version, core);
  }
  return withChanges ? { ...core, changes: await changesSince(db, auth, core, options) } : core;
}

/** Change since the previous campaign, school by school, same measure (empty without a previous campaign). */
async function changesSince(
  db: Db,
  auth: AuthContext,
  cur: CampaignResults,
  options: ResultsOptions,
): Promise<CampaignResults['changes']> {
  const previousId = cur.campaign.previousCampaignId;
  if (!previousId) return [];
  const prev = await campaignResults(db, auth, previousId, options, false).catch(() => null);
  if (!prev) return [];
  const { measure } = cur.ranking;
  const minGroupSize = cur.minGroupSize;
  const schoolMetrics = (r: CampaignResults) =>
    r.groups
      .filter((g) => g.level === 'school')
      .map((g) => ({ unitId: g.id, metric: metricOf(g.overall, measure, minGroupSize) }));
  const nameOf = new Map(cur.groups.map((g) => [g.id, g.name]));
  return changes(schoolMetrics(cur), schoolMetrics(prev)).map((c) => ({
    schoolId: c.unitId,
    name: nameOf.get(c.unitId)!,
    change: c.change,
  }));
}

/** Everything but the change column, from the loaded answers. */
function computeResults(l: Loaded, options: ResultsOptions): CampaignResults {
  const campaign = l.campaign;
  const def = campaign.definition;
  const minGroupSize = DEFAULT_MIN_GROUP_SIZE;
  const defs = groupsOf(l, options.countyName ?? '全县');
  const byUnit = new Map<number, SurveyResponse[]>();
  for (const r of l.responses) pushTo(byUnit, r.unitId, r);
  const computed = new Map<string, { def: GroupDef; n: number; res: UnitResults }>();
  for (const g of defs) {
    const rs = [...g.unitIds].flatMap((id) => byUnit.get(id) ?? []);
    computed.set(g.id, { def: g, n: rs.length, res: unitResults(def, rs, { minGroupSize }) });
  }
  // Complementary suppression: within each published parent, children that would reveal a small sibling.
  const hidden = new Set<string>();
  const children = new Map<string, { unitId: string; respondents: number }[]>();
  for (const g of defs) {
    if (g.parentId === null) continue;
    const list = children.get(g.parentId) ?? [];
    list.push({ unitId: g.id, respondents: computed.get(g.id)!.n });
    children.set(g.parentId, list);
  }
  for (const list of children.values()) for (const id of complementarySuppression(list, minGroupSize)) hidden.add(id);

  const groups: GroupResult[] = defs.map((g) => {
    const { n, res } = computed.get(g.id)!;
    const off = hidden.has(g.id) || n < minGroupSize;
    return {
      level: g.level,
      id: g.id,
      name: g.name,
      parentId: g.parentId,
      suppressed: off,
      respondents: off ? null : n,
      overall: off ? SUPPRESSED : cell(res.overall),
      dimensions: Object.fromEntries(res.dimensions.map((d) => [d.dimension, off ? SUPPRESSED : cell(d.result)])),
      items: Object.fromEntries(res.items.map((i) => [i.key, off ? SUPPRESSED : cell(i.result)])),
    };
  });

  // Ranking of the schools shown whole, by the overall rate (index when the survey has no satisfaction item).
  const measure = scoredItems(def).some((i) => i.scale === 'satisfaction') ? 'rate' : 'index';
  const schoolResults = new Map<string, UnitResults>();
  for (const g of groups) if (g.level === 'school' && !g.suppressed) schoolResults.set(g.id, computed.get(g.id)!.res);
  const suppressedSchools = groups.filter((g) => g.level === 'school' && g.suppressed);
  const ranking = rankUnits([
    ...unitMetrics(schoolResults, measure),
    ...suppressedSchools.map((g) => ({ unitId: g.id, metric: { suppressed: true as const, minGroupSize } })),
  ]);
  const nameOf = new Map(groups.map((g) => [g.id, g.name]));
  const named = (r: { unitId: string; value: number; ci: Interval | null; rank: number; bottomRank: number }) => ({
    schoolId: r.unitId,
    name: nameOf.get(r.unitId) ?? r.unitId,
    value: r.value,
    ci: r.ci,
    rank: r.rank,
    bottomRank: r.bottomRank,
  });
  const n = options.topN ?? 10;

  const items = scoredItems(def).map((it) => ({
    key: itemKey(it),
    title: itemTitle(def, it.questionId, it.itemId),
    dimension: it.dimension,
  }));
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      audience: campaign.audience,
      previousCampaignId: campaign.previousCampaignId,
    },
    minGroupSize,
    dimensions: [...new Set(items.map((i) => i.dimension))],
    items,
    groups,
    ranking: {
      measure,
      top: topN(ranking, n).map(named),
      bottom: bottomN(ranking, n).map(named),
      all: ranking.ranked.map(named),
      excluded: ranking.excluded.map((e) => ({
        schoolId: e.unitId,
        name: nameOf.get(e.unitId) ?? e.unitId,
        reason: e.reason,
      })),
    },
    changes: [],
    drivers: drivers(def, l.responses, { minGroupSize }),
  };
}

function metricOf(c: Cell, measure: 'rate' | 'index', minGroupSize: number) {
  if (c.suppressed) return { suppressed: true as const, minGroupSize };
  return measure === 'rate'
    ? { suppressed: false as const, value: c.rate, ci: c.rateCi }
    : { suppressed: false as const, value: c.index, ci: c.indexCi };
}

function itemTitle(def: SurveyDefinition, questionId: string, itemId?: string): string {
  const q = def.questions.find((x) => x.id === questionId);
  if (!q) return questionId;
  if (itemId && q.kind === 'matrix') return q.items.find((i) => i.id === itemId)?.title ?? itemId;
  return q.title;
}

/**
 * Comments (text answers) matching a keyword query, with their school — only of schools the caller sees whole and
 * that have at least minGroupSize respondents, so a comment never points at a small class.
 */
export async function campaignComments(db: Db, auth: AuthContext, campaignId: number, query: string, limit = 200) {
  const campaign = await visibleCampaign(db, auth, campaignId);
  const l = await load(db, auth, campaign);
  const groups = groupsOf(l, '');
  const schoolOfUnit = new Map<number, { id: string; name: string }>();
  for (const g of groups)
    if (g.level === 'school') for (const u of g.unitIds) schoolOfUnit.set(u, { id: g.id, name: g.name });
  const counts = new Map<string, number>();
  for (const r of l.responses) {
    const s = schoolOfUnit.get(r.unitId);
    if (s) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  }
  const eligible = l.responses.filter((r) => {
    const s = schoolOfUnit.get(r.unitId);
    return s !== undefined && (counts.get(s.id) ?? 0) >= DEFAULT_MIN_GROUP_SIZE;
  });
  const found = searchComments(collectComments(campaign.definition, eligible), query);
  const titles = new Map(campaign.definition.questions.map((q) => [q.id, q.title]));
  return {
    total: found.length,
    items: found.slice(0, limit).map((c) => ({
      schoolId: Number(schoolOfUnit.get(eligible[c.response].unitId)!.id.slice(1)),
      schoolName: schoolOfUnit.get(eligible[c.response].unitId)!.name,
      question: titles.get(c.questionId) ?? c.questionId,
      text: c.text,
    })),
  };
}
