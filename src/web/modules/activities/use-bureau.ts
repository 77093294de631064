import { useUser } from '../../app/auth';

/**
 * Edits the county's rules, rubrics, caps and training courses (the server's activitiesPolicy.manageRules): the
 * county's 教育局管理员, or a 局领导 / 教研员 granted on the whole county.
 */
export function useBureauEditor(): boolean {
  const user = useUser();
  return (
    user.permissions.manageCounty ||
    user.roles.some((r) => (r.role === 'bureau_leader' || r.role === 'researcher') && r.regionId === user.countyId)
  );
}
