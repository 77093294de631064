/**
 * GET /org/scope: the regions and schools the signed-in user may see. Several places read it (header picker,
 * school and region selects), so it is one cached query; writes to regions or schools invalidate it.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { useAuth } from './auth';
import type { OrgScope } from './types';

export const SCOPE_KEY = ['org-scope'] as const;

const EMPTY: OrgScope = { regions: [], schools: [] };

export function useOrgScope(): { scope: OrgScope; loading: boolean } {
  const { user } = useAuth();
  const query = useQuery({
    queryKey: SCOPE_KEY,
    queryFn: () => api.get<OrgScope>('/org/scope'),
    enabled: Boolean(user),
    staleTime: 5 * 60_000,
  });
  return { scope: query.data ?? EMPTY, loading: query.isLoading };
}
