import { isCountyAdmin, managesAnySchool, managesSchool } from '../../platform/auth/roles.js';
import type { AuthContext } from '../../platform/auth/types.js';

/**
 * Who may do what in the org registry. Reading is open to every signed-in user because every list is
 * filtered by scope in SQL; changing needs management of the record's school, and county-wide records
 * (regions, school years and terms, subjects, schools themselves) need the county's 教育局管理员.
 */
export const orgPolicy = {
  read: (_auth: AuthContext) => true,
  /** Regions, school years/terms, subjects, creating and re-typing schools. */
  manageCounty: (auth: AuthContext) => isCountyAdmin(auth),
  /** Routes that change school records: the record's school is checked again in the service. */
  manageSomeSchool: (auth: AuthContext) => managesAnySchool(auth),
  manageSchool: (auth: AuthContext, schoolId: number | null | undefined) => managesSchool(auth, schoolId),
};
