import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Shapes and hooks of /api/v1/notifications (see src/server/modules/notifications). */
export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

const BASE = '/notifications';
const KEY = ['notifications'] as const;
/** How often the bell asks for news: reminders come from daily jobs, so a minute is plenty. */
const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: ({ signal }) => api.get<{ count: number }>(`${BASE}/unread-count`, undefined, signal),
    refetchInterval: POLL_MS,
  });
}

export function useNotifications(params: { page: number; pageSize: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) =>
      api.get<{ items: NotificationItem[]; total: number }>(
        BASE,
        { page: params.page, pageSize: params.pageSize, unread: params.unread || undefined },
        signal,
      ),
    enabled,
  });
}

/** Mark one (id) or all (null) as read; every notification query refreshes after. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | null) => (id == null ? api.post(`${BASE}/read-all`) : api.post(`${BASE}/${id}/read`)),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** The source label key of a kind ('inspections.before' → 'inspections'). */
export function sourceOf(kind: string): 'inspections' | 'surveys' | 'indicators' | 'other' {
  const m = kind.split('.')[0];
  return m === 'inspections' || m === 'surveys' || m === 'indicators' ? m : 'other';
}
