/**
 * A list's page, page size, search, sort and filters live in the URL query, so a filtered list can be
 * bookmarked, shared with a colleague and restored with the back button. `prefix` keeps two tables on one
 * page (学年 and 学期) from reading each other's state.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortOrder = 'asc' | 'desc';

export interface TableState {
  page: number;
  pageSize: number;
  q: string;
  sort: string | undefined;
  order: SortOrder | undefined;
  /** Raw filter values as they appear in the URL. */
  get: (name: string) => string | undefined;
}

/** null or undefined removes a parameter; '' keeps it, empty (a filter cleared on purpose). */
export type StatePatch = Record<string, string | number | null | undefined>;

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 500; // the API's limit

function positiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

export function useTableState(prefix = ''): [TableState, (patch: StatePatch) => void] {
  const [params, setParams] = useSearchParams();

  const state = useMemo<TableState>(() => {
    const read = (name: string) => params.get(prefix + name) ?? undefined;
    const order = read('order');
    return {
      page: positiveInt(params.get(`${prefix}page`), 1),
      pageSize: positiveInt(params.get(`${prefix}pageSize`), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
      q: read('q') ?? '',
      sort: read('sort'),
      order: order === 'asc' || order === 'desc' ? order : undefined,
      get: read,
    };
  }, [params, prefix]);

  /** Applies a patch; any change other than the page itself goes back to page 1. */
  const update = useCallback(
    (patch: StatePatch) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(patch)) {
          // '' stays in the URL: it means "cleared" for a filter that has a default (学籍状态 = 在读).
          if (value === undefined || value === null) next.delete(prefix + name);
          else next.set(prefix + name, String(value));
        }
        if (!('page' in patch)) next.delete(`${prefix}page`);
        return next;
      });
    },
    [setParams, prefix],
  );

  return [state, update];
}

/**
 * The effective value of a filter: its URL value, else its default when the URL does not name it; an empty
 * URL value (`?status=`) means the user cleared it, which beats the default.
 */
export function filterValue(state: TableState, name: string, defaultValue?: string): string | undefined {
  const raw = state.get(name);
  if (raw === undefined) return defaultValue;
  return raw === '' ? undefined : raw;
}
