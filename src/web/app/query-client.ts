import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/**
 * Retry only what a retry can fix: network failures and 5xx. A 4xx (forbidden, not found, validation) will
 * answer the same again, and retrying a 401 would only delay the redirect to the login page.
 */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
