/**
 * The org unit chosen in the header (a region or a school, or none = everything in scope). Lists read it as
 * their `regionId`/`schoolId` filter. It is remembered per user on this browser, so a shared office PC does
 * not carry one person's choice over to the next.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useUser } from './auth';
import { useOrgScope } from './scope';

export type OrgUnit = { type: 'region' | 'school'; id: number } | null;

interface OrgUnitValue {
  unit: OrgUnit;
  setUnit: (unit: OrgUnit) => void;
}

const OrgUnitContext = createContext<OrgUnitValue | null>(null);

const storageKey = (userId: number) => `tisheng.orgUnit.${userId}`;

function readStored(userId: number): OrgUnit {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as OrgUnit;
    if (parsed && (parsed.type === 'region' || parsed.type === 'school') && Number.isInteger(parsed.id)) return parsed;
  } catch {
    // Unreadable storage or an old format: start from "everything in scope".
  }
  return null;
}

export function OrgUnitProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const { scope, loading } = useOrgScope();
  const [chosen, setChosen] = useState<OrgUnit>(() => readStored(user.id));

  const setUnit = useCallback(
    (next: OrgUnit) => {
      setChosen(next);
      try {
        if (next) localStorage.setItem(storageKey(user.id), JSON.stringify(next));
        else localStorage.removeItem(storageKey(user.id));
      } catch {
        // No storage: the choice lasts for this page only.
      }
    },
    [user.id],
  );

  // A remembered unit that is no longer in the user's scope (role changed, school archived) is ignored.
  const unit = useMemo<OrgUnit>(() => {
    if (!chosen || loading) return chosen;
    const list = chosen.type === 'region' ? scope.regions : scope.schools;
    return list.some((u) => u.id === chosen.id) ? chosen : null;
  }, [chosen, loading, scope]);

  const value = useMemo(() => ({ unit, setUnit }), [unit, setUnit]);
  return <OrgUnitContext value={value}>{children}</OrgUnitContext>;
}

export function useOrgUnit(): OrgUnitValue {
  const value = useContext(OrgUnitContext);
  if (!value) throw new Error('useOrgUnit outside OrgUnitProvider');
  return value;
}

/** The list filter for the chosen unit: `{ regionId }`, `{ schoolId }` or nothing. */
export function useOrgFilter(): { regionId?: number; schoolId?: number } {
  const { unit } = useOrgUnit();
  if (!unit) return {};
  return unit.type === 'region' ? { regionId: unit.id } : { schoolId: unit.id };
}
