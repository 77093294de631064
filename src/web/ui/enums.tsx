/**
 * Showing enumeration values (school type, student status, …) in the UI language. Labels come only from
 * src/common/org/enums.ts, the same table imports and exports use, so a label is never typed twice.
 */
import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type EnumOption, labelOf } from '../../common/org/enums';

export type EnumLang = 'zh' | 'en';

export interface SelectOption<V extends string | number = string | number> {
  value: V;
  label: string;
}

export function useEnumLang(): EnumLang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** `label(SCHOOL_TYPES, 'village')` → 村小 / Village primary; `options(list)` for selects. */
export function useEnums() {
  const lang = useEnumLang();
  const label = useCallback(
    <V extends string | number>(list: readonly EnumOption<V>[], value: V | null | undefined) =>
      labelOf(list, value, lang),
    [lang],
  );
  const options = useCallback(
    <V extends string | number>(list: readonly EnumOption<V>[]): SelectOption<V>[] =>
      list.map((o) => ({ value: o.value, label: o[lang] })),
    [lang],
  );
  return useMemo(() => ({ lang, label, options }), [lang, label, options]);
}

/** A value as a tag, e.g. a status column. */
export function EnumTag<V extends string | number>({
  list,
  value,
  color,
}: {
  list: readonly EnumOption<V>[];
  value: V | null | undefined;
  color?: string;
}) {
  const { label } = useEnums();
  if (value == null) return null;
  return <Tag color={color}>{label(list, value)}</Tag>;
}

/** Several values as tags, e.g. a teacher's tiers or a subject's stages. */
export function EnumTags<V extends string | number>({
  list,
  values,
}: {
  list: readonly EnumOption<V>[];
  values: readonly V[] | null | undefined;
}) {
  const { label } = useEnums();
  return (
    <>
      {(values ?? []).map((v) => (
        <Tag key={String(v)}>{label(list, v)}</Tag>
      ))}
    </>
  );
}
