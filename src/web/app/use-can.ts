import { useMemo } from 'react';
import { useUser } from './auth';
import { type Can, permissionsOf } from './permissions';

/** The signed-in user's permissions as predicates; only inside RequireAuth. */
export function useCan(): Can {
  const user = useUser();
  return useMemo(() => permissionsOf(user), [user]);
}
