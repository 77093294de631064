import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgUnit, useOrgUnit } from '../app/org-unit';
import { useOrgScope } from '../app/scope';
import { type UnitKey, unitTreeData } from './org-tree';

const toKey = (unit: OrgUnit): UnitKey | undefined =>
  unit ? (unit.type === 'region' ? `r:${unit.id}` : `s:${unit.id}`) : undefined;

function fromKey(key: string | undefined): OrgUnit {
  const match = key ? /^([rs]):(\d+)$/.exec(key) : null;
  if (!match) return null;
  return { type: match[1] === 'r' ? 'region' : 'school', id: Number(match[2]) };
}

/** The header's unit picker: regions and schools in scope; lists filter by the chosen one. */
export function OrgPicker({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { scope, loading } = useOrgScope();
  const { unit, setUnit } = useOrgUnit();
  const treeData = useMemo(() => unitTreeData(scope.regions, scope.schools), [scope]);
  // Open the top levels only: a county has a few 学区 but may have a hundred schools.
  const expanded = useMemo(() => treeData.map((n) => n.key), [treeData]);

  return (
    <TreeSelect<string>
      value={toKey(unit)}
      onChange={(key) => setUnit(fromKey(key))}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      loading={loading}
      allowClear
      placeholder={t('orgPicker.all')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      style={compact ? { flex: 1, minWidth: 0 } : { width: 280 }}
      data-testid="org-picker"
    />
  );
}
