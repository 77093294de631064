import { managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what with surveys. Everyone signed in may read: lists and results are filtered to the caller's
 * schools and classes in SQL (a 班主任 sees the coverage of their own class). Designing surveys and opening
 * campaigns needs management of some school; a campaign's schools must all be managed by its author, so a
 * 校长 runs a school self-survey (seed-004 L39) and the 教育局管理员 the county-wide one.
 */
export const surveysPolicy = {
  read: (_auth: AuthContext) => true,
  design: (auth: AuthContext) => managesAnySchool(auth),
  manageSchools: (auth: AuthContext, schoolIds: readonly number[]) =>
    schoolIds.length > 0 && schoolIds.every((id) => managesSchool(auth, id)),
};
