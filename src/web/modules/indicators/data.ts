/**
 * The 方案与指标 pages' view of the API (/api/v1/indicators): answer shapes, query hooks and small formatters.
 * Shapes mirror the server routes in src/server/modules/indicators.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import type { User } from '../../app/types';

export const BASE = '/indicators';

export type Status = 'green' | 'amber' | 'red' | 'grey';

export interface Indicator {
  id: number;
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  definition: string;
  level: string;
  sourceKey: string;
  params: Record<string, unknown>;
  sourceAvailable: boolean;
  sourceModule: string;
}
export interface Source {
  key: string;
  module: string;
  name: { zh: string; en: string };
  unit: string;
  params: Record<string, string>;
}
export interface Period {
  id: number;
  kind: 'school_year' | 'term' | 'year';
  name: string;
  startDate: string;
  endDate: string;
}
export interface TargetItem {
  id: number;
  indicatorId: number;
  unit: string;
  unitLevel: string;
  unitId: number;
  periodId: number;
  kind: 'absolute' | 'change' | 'rank' | 'count';
  value: number | null;
  delta: number | null;
  changeMode: 'points' | 'relative' | null;
  baseline: number | null;
  splitFromId: number | null;
  code: string;
  indicatorName: string;
  indicatorUnit: string;
  periodName: string;
  unitName: string;
  /** The value now, from the indicator's source (null: no data or source absent). */
  current: number | null;
  status: Status;
}
export interface GoalView {
  id: number;
  targetId: number;
  code: string;
  name: string;
  unit: string;
  /** `school:<id>` or `region:<id>`. */
  orgUnit: string;
  orgUnitName: string;
  periodName: string;
  kind: string;
  changeMode: string | null;
  baseline: number | null;
  target: number | null;
  value: number | null;
  gap: number | null;
  status: Status;
  source: { key: string; module: string; available: boolean; ref: string; computedAt: string | null };
}
export interface UnitProgress {
  schoolId: number | null;
  name: string;
  dueDate: string | null;
  state: 'done' | 'done_late' | 'overdue' | 'open' | 'none';
  lastStatus: string | null;
  dueCount: number;
  doneOnTime: number;
  overdueCount: number;
}
export interface TaskView {
  id: number;
  phaseId: number | null;
  title: string;
  description: string;
  leadUnit: string;
  responsiblePerson: string;
  dueDate: string | null;
  recurrence: { kind: 'weekly' | 'monthly'; weekday?: number; day?: number; time: string } | null;
  evidenceRequired: string;
  units: UnitProgress[];
  overdue: number;
}
export interface PlanView {
  plan: {
    id: number;
    kind: string;
    title: string;
    ownerLevel: 'county' | 'school';
    ownerId: number;
    ownerName: string;
    startDate: string;
    endDate: string;
    basis: string | null;
    leadingGroup: { role: 'leader' | 'deputy' | 'member' | 'office'; name: string; title?: string }[];
    filingDue: string | null;
    summaryStyle: 'topical' | 'pdca' | 'mirror';
  };
  phases: { id: number; name: string; startDate: string; endDate: string; state: 'done' | 'current' | 'upcoming' }[];
  goals: GoalView[];
  tasks: TaskView[];
  mayEdit: boolean;
}
export interface PlanListItem {
  id: number;
  kind: string;
  title: string;
  ownerLevel: string;
  ownerId: number;
  schoolName: string | null;
  startDate: string;
  endDate: string;
  filingDue: string | null;
}

export const keys = {
  library: ['indicators', 'library'] as const,
  sources: ['indicators', 'sources'] as const,
  periods: ['indicators', 'periods'] as const,
  targets: ['indicators', 'targets'] as const,
  manual: ['indicators', 'manual'] as const,
  plans: ['indicators', 'plans'] as const,
  plan: (id: number) => ['indicators', 'plans', id] as const,
  overdue: ['indicators', 'overdue'] as const,
};

export function useLibrary() {
  return useQuery({ queryKey: keys.library, queryFn: () => api.get<{ items: Indicator[] }>(`${BASE}/library`) });
}
export function useSources() {
  return useQuery({
    queryKey: keys.sources,
    queryFn: () => api.get<{ items: Source[] }>(`${BASE}/sources`),
    staleTime: 5 * 60_000,
  });
}
export function usePeriods() {
  return useQuery({
    queryKey: keys.periods,
    queryFn: () => api.get<{ items: Period[] }>(`${BASE}/periods`),
    staleTime: 60_000,
  });
}
export function usePlans() {
  return useQuery({ queryKey: keys.plans, queryFn: () => api.get<{ items: PlanListItem[] }>(`${BASE}/plans`) });
}
export function usePlan(id: number | null) {
  return useQuery({
    queryKey: keys.plan(id ?? 0),
    queryFn: () => api.get<PlanView>(`${BASE}/plans/${id}`),
    enabled: id !== null,
  });
}

/** The bureau as the server sees it: 教育局管理员, or a 局领导/教研员 granted on the county itself. */
export function isBureau(user: User | null | undefined): boolean {
  if (!user) return false;
  return (
    user.permissions.manageCounty ||
    user.roles.some((r) => (r.role === 'bureau_leader' || r.role === 'researcher') && r.regionId === user.countyId)
  );
}
export function useIsBureau(): boolean {
  return isBureau(useAuth().user);
}

/** Org units to pick from: the county (bureau only) and the schools in the caller's scope. */
export function useUnitOptions(includeCounty: boolean) {
  const { user } = useAuth();
  const { scope } = useOrgScope();
  const county = scope.regions.find((r) => r.level === 'county');
  return [
    ...(includeCounty && county ? [{ value: `region:${county.id}`, label: county.name }] : []),
    ...(user ? scope.schools.map((s) => ({ value: `school:${s.id}`, label: s.name })) : []),
  ];
}

/** A value as people read it: fractions ×100 with one decimal and %, ranks as 第n名, null as —. */
export function formatValue(unit: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 'percent') return `${Math.round(v * 1000) / 10}%`;
  if (unit === 'rank') return `第${Math.round(v)}名`;
  return String(Math.round(v * 100) / 100);
}

export const STATUS_COLOR: Record<Status, string> = { green: 'green', amber: 'gold', red: 'red', grey: 'default' };
export const STATE_COLOR: Record<UnitProgress['state'], string> = {
  done: 'green',
  done_late: 'lime',
  overdue: 'red',
  open: 'blue',
  none: 'default',
};
