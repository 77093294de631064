/**
 * Who is signed in. The session itself is an HttpOnly cookie the page cannot read, so the truth is
 * GET /auth/me, asked once on load and kept in the query cache under ['me'] (null = signed out).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiError, api, rememberCsrfToken, setUnauthenticatedHandler } from './api';
import { useLocale } from './locale';
import type { Locale, SessionAnswer, User } from './types';

export const ME_KEY = ['me'] as const;

interface AuthValue {
  /** undefined while the first /auth/me is in flight, null when signed out. */
  user: User | null | undefined;
  /** Set when /auth/me failed for another reason than 401 (server down): the app shows a retry. */
  loadError: Error | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Re-reads /auth/me, e.g. after a password change cleared mustChangePassword. */
  refresh: () => Promise<void>;
  changeLocale: (locale: Locale) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function fetchMe(): Promise<User | null> {
  try {
    const answer = await api.get<SessionAnswer>('/auth/me');
    rememberCsrfToken(answer.csrfToken);
    return answer.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { setLocale } = useLocale();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  const user = me.data;

  // Any 401 anywhere means the session ended (expired, revoked): forget the user; RequireAuth then routes
  // to /login and remembers where the user was.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      rememberCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
    });
  }, [queryClient]);

  // The account's language wins over this browser's last choice once we know who is signed in.
  const userLocale = user?.locale;
  useEffect(() => {
    if (userLocale) setLocale(userLocale);
  }, [userLocale, setLocale]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api.post<SessionAnswer>('/auth/login', { username, password });
      rememberCsrfToken(answer.csrfToken);
      // Drop anything cached for a previous user on this browser before showing the new one's data.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, answer.user);
      return answer.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      rememberCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      const current = queryClient.getQueryData<User | null>(ME_KEY);
      if (!current) return;
      const answer = await api.patch<{ user: User }>('/auth/me', { locale });
      queryClient.setQueryData(ME_KEY, answer.user);
    },
    [queryClient, setLocale],
  );

  const loadError = me.error;
  const value = useMemo(
    () => ({ user, loadError, login, logout, refresh, changeLocale }),
    [user, loadError, login, logout, refresh, changeLocale],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For components that only render inside RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
