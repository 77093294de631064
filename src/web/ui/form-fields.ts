/**
 * The field list that drives EntityForm, and the pure rules for turning form values into a request body.
 */
import type { FormRule } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import type { ScopeSchool } from '../app/types';
import type { SelectOption } from './enums';
import type { RemoteSource } from './RemoteSelect';

export type FormValues = Record<string, unknown>;
export type FormMode = 'create' | 'edit';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'password'
  | 'number'
  | 'date'
  | 'switch'
  | 'select'
  | 'multiselect'
  | 'region'
  | 'school'
  | 'remote'
  | 'custom';

export interface FieldDef {
  /** The API field name, exactly as in docs/api.md. */
  name: string;
  label: string;
  kind?: FieldKind;
  required?: boolean;
  options?: SelectOption[] | ((values: FormValues) => SelectOption[]);
  /** For `remote`: the list to pick from; null while a field it depends on is empty. */
  remote?: (values: FormValues) => RemoteSource | null;
  multiple?: boolean;
  /** For `school`: which schools may be chosen. */
  schoolFilter?: (school: ScopeSchool) => boolean;
  /** For `custom`: an input taking value/onChange. */
  input?: ReactElement;
  visible?: (values: FormValues, mode: FormMode) => boolean;
  /** Only asked when creating (username, initial password). */
  createOnly?: boolean;
  /** Shown but not editable once created (codes that other systems key on). */
  lockedOnEdit?: boolean;
  /** false: a helper field that narrows other fields (a school to pick a class from) and is not sent. */
  submit?: boolean;
  /** Fields to empty when this one changes (a class belongs to the school chosen before). */
  clears?: string[];
  rules?: FormRule[];
  min?: number;
  max?: number;
  maxLength?: number;
  help?: ReactNode;
  placeholder?: string;
}

export function isVisible(field: FieldDef, values: FormValues, mode: FormMode): boolean {
  if (field.createOnly && mode === 'edit') return false;
  return field.visible ? field.visible(values, mode) : true;
}

const TEXT_KINDS = new Set<FieldKind>(['text', 'textarea']);

/** '' and undefined mean "no value" to the API, which stores null; text is trimmed (never passwords). */
function normalize(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && TEXT_KINDS.has(field.kind ?? 'text')) return value.trim() || null;
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** POST body: every visible, sendable field that has a value (absent = the server's default). */
export function createBody(fields: FieldDef[], values: FormValues): FormValues {
  const body: FormValues = {};
  for (const f of fields) {
    if (f.submit === false || !isVisible(f, values, 'create')) continue;
    const v = normalize(f, values[f.name]);
    if (v !== null) body[f.name] = v;
  }
  return body;
}

/**
 * PATCH body: only the fields the user changed. Sending unchanged fields would write back what the form
 * showed, and lists mask personal data, so a masked phone must never travel back. A field hidden by another
 * choice (中心校 once the school is no longer a 村小) is cleared with null.
 */
export function patchBody(fields: FieldDef[], values: FormValues, initial: FormValues): FormValues {
  const body: FormValues = {};
  for (const f of fields) {
    if (f.submit === false || f.createOnly || f.lockedOnEdit) continue;
    const before = normalize(f, initial[f.name]);
    const after = isVisible(f, values, 'edit') ? normalize(f, values[f.name]) : null;
    if (!same(before, after)) body[f.name] = after;
  }
  return body;
}

/**
 * Field errors from a validation_failed answer. Schema errors carry `instancePath` ("/name"); other shapes
 * are tolerated so a server-side rule can point at a field too.
 */
export function fieldErrors(details: unknown): { name: string; errors: string[] }[] {
  if (!Array.isArray(details)) return [];
  const out: { name: string; errors: string[] }[] = [];
  for (const d of details as Record<string, unknown>[]) {
    const path = d?.instancePath ?? d?.field ?? d?.path;
    const missing = (d?.params as Record<string, unknown> | undefined)?.missingProperty;
    const name = typeof path === 'string' && path ? path.replace(/^\//, '').split('/')[0] : missing;
    if (typeof name === 'string' && name && typeof d.message === 'string') out.push({ name, errors: [d.message] });
  }
  return out;
}
