/**
 * Query keys shared by lists, selects and forms, so a write can refresh every view of the entity it touched:
 * ['list', endpoint, params] for lists, ['item', endpoint, id] for single records.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Query } from '../app/api';
import { SCOPE_KEY } from '../app/scope';

export const listKey = (endpoint: string, params?: Query) =>
  params ? (['list', endpoint, params] as const) : (['list', endpoint] as const);
export const itemKey = (endpoint: string, id: number) => ['item', endpoint, id] as const;

/** Endpoints whose rows appear in GET /org/scope (the header picker, school and region selects). */
const SCOPE_ENDPOINTS = new Set(['/org/regions', '/org/schools']);

export async function invalidateEntity(queryClient: QueryClient, endpoint: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['list', endpoint] }),
    queryClient.invalidateQueries({ queryKey: ['item', endpoint] }),
    SCOPE_ENDPOINTS.has(endpoint) ? queryClient.invalidateQueries({ queryKey: SCOPE_KEY }) : undefined,
  ]);
}
