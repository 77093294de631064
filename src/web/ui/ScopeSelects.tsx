/**
 * Region and school pickers fed by GET /org/scope, which already holds every region and school the user
 * may see: no extra request, and the options are exactly the units the server will accept.
 */
import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgScope } from '../app/scope';
import type { ScopeSchool } from '../app/types';
import { regionTreeData } from './org-tree';

interface PickerProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  disabled?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function RegionTreeSelect({ value, onChange, placeholder, allowClear = true, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const { scope, loading } = useOrgScope();
  const treeData = useMemo(() => regionTreeData(scope.regions), [scope.regions]);
  return (
    <TreeSelect<number | null>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('fields.region')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
    />
  );
}

interface SchoolSelectProps extends PickerProps {
  /** Narrows the choice, e.g. only schools that can be a 中心校. */
  filter?: (school: ScopeSchool) => boolean;
}

export function SchoolSelect({ value, onChange, placeholder, filter, allowClear = true, ...rest }: SchoolSelectProps) {
  const { t } = useTranslation();
  const { scope, loading } = useOrgScope();
  const options = useMemo(
    () =>
      scope.schools.filter((s) => !filter || s.id === value || filter(s)).map((s) => ({ value: s.id, label: s.name })),
    [scope.schools, filter, value],
  );
  return (
    <Select<number | null>
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('fields.school')}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );
}

/** The type of a school in scope, e.g. to offer only the grades it teaches. */
export function useScopeSchool(id: number | null | undefined): ScopeSchool | undefined {
  const { scope } = useOrgScope();
  return id == null ? undefined : scope.schools.find((s) => s.id === id);
}
