/**
 * Small reference lists several org pages need as select options (school years, terms), and the labels
 * used when staff, classes, subjects and students are picked from a remote list.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ListAnswer, SchoolClass, SchoolYear, Staff, Student, Subject, Term } from '../../app/types';
import { listKey } from '../../ui/query-keys';
import type { RemoteSource } from '../../ui/RemoteSelect';
import type { FilterDef } from '../../ui/TableFilters';

const ALL = { pageSize: 500 } as const;

/** A student's placement history (学籍变动), refreshed after a transfer. */
export const enrollmentsKey = (studentId: number) => ['enrollments', studentId] as const;

function useAll<T>(endpoint: string) {
  return useQuery({
    queryKey: listKey(endpoint, ALL),
    queryFn: () => api.get<ListAnswer<T>>(endpoint, ALL),
    staleTime: 5 * 60_000,
  });
}

/** School years, newest first as the API sorts them; a county has one per year. */
export function useSchoolYears() {
  const query = useAll<SchoolYear>('/org/school-years');
  const items = query.data?.items ?? [];
  return {
    items,
    /** Answered (or failed): defaults that depend on the current year are known. */
    settled: !query.isPending,
    options: items.map((y) => ({ value: y.id, label: y.name })),
    current: items.find((y) => y.isCurrent),
    nameOf: (id: number | null | undefined) => items.find((y) => y.id === id)?.name ?? '',
  };
}

/** A term as people name it: 2025-2026学年上学期 (the year is added only when the name lacks it). */
export function termLabel(term: Term): string {
  return term.name.includes(term.schoolYearName) ? term.name : `${term.schoolYearName} ${term.name}`;
}

export function useTerms() {
  const query = useAll<Term>('/org/terms');
  const items = query.data?.items ?? [];
  return {
    items,
    /** Answered (or failed): defaults that depend on the current term are known. */
    settled: !query.isPending,
    options: items.map((term) => ({ value: term.id, label: termLabel(term) })),
    current: items.find((term) => term.isCurrent),
    nameOf: (id: number | null | undefined) => {
      const term = items.find((x) => x.id === id);
      return term ? termLabel(term) : '';
    },
    /** The school year of a term (for narrowing class lists). */
    yearOf: (id: unknown) => items.find((x) => x.id === id)?.schoolYearId,
  };
}

export const subjectSource: RemoteSource = {
  endpoint: '/org/subjects',
  label: (s: Subject) => s.name,
};

export function staffSource(schoolId?: unknown): RemoteSource {
  return {
    endpoint: '/org/staff',
    params: typeof schoolId === 'number' ? { schoolId } : undefined,
    label: (s: Staff) =>
      s.schoolName && schoolId == null ? `${s.name}（${s.staffNo}，${s.schoolName}）` : `${s.name}（${s.staffNo}）`,
  };
}

/**
 * Classes of one school in one school year; null until a school is chosen. Class names repeat across schools
 * and across years (一年级(1)班 exists every year), so both narrow the list.
 */
export function classSource(schoolId: unknown, schoolYearId?: unknown): RemoteSource | null {
  if (typeof schoolId !== 'number') return null;
  return {
    endpoint: '/org/classes',
    params: { schoolId, pageSize: 500, schoolYearId: typeof schoolYearId === 'number' ? schoolYearId : undefined },
    label: (c: SchoolClass) => c.name,
  };
}

/** A numeric URL filter value, or undefined. */
export const numberParam = (raw: string | undefined): number | undefined => (raw ? Number(raw) : undefined);

export const studentSource: RemoteSource = {
  endpoint: '/org/students',
  label: (s: Student) => `${s.name}（${s.studentNo}${s.className ? `，${s.className}` : ''}）`,
};

/**
 * The school filter and, narrowed by it, the class filter of this school year — the pair the lists of class-level
 * records (students, guardians) start with.
 */
export function schoolAndClassFilters(
  labels: { school: string; class: string },
  schoolYearId: number | undefined,
): FilterDef[] {
  return [
    { kind: 'school', name: 'schoolId', label: labels.school, clears: ['classId'] },
    {
      kind: 'remote',
      name: 'classId',
      label: labels.class,
      source: (get) => classSource(numberParam(get('schoolId')), schoolYearId),
    },
  ];
}
