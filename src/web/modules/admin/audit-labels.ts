/**
 * Readable names for the audit log's action and entity codes. The codes are the server's; any code not
 * listed here is shown as it is, so a new module's entries are never hidden.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'archive',
  'login',
  'logout',
  'export',
  'import',
  'transfer',
  'unlock',
  'delete',
  'lock',
  'password',
] as const;
export const AUDIT_ENTITIES = [
  'region',
  'school',
  'school_year',
  'term',
  'subject',
  'staff',
  'class',
  'teaching_assignment',
  'student',
  'guardian',
  'user',
  'import_job',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const isAuditAction = (v: string): v is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(v);
export const isAuditEntity = (v: string): v is AuditEntity => (AUDIT_ENTITIES as readonly string[]).includes(v);
