import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REGION_LEVELS, type RegionLevel } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import { useOrgScope } from '../../app/scope';
import type { ListAnswer, Region } from '../../app/types';
import { useCan } from '../../app/use-can';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { buildForest, regionSubtree, type TreeItem } from '../../ui/org-tree';
import { Page } from '../../ui/Page';
import { listKey } from '../../ui/query-keys';
import { RowActions } from '../../ui/RowActions';

const ENDPOINT = '/org/regions';
// Without parentId the API answers every visible region; a county's tree is a few dozen rows.
const ALL = { pageSize: 500, sort: 'sort' } as const;

/** The level a new child region gets by default: 省 → 市 → 区县 → 学区 (学区 may nest). */
const CHILD_LEVEL: Record<RegionLevel, RegionLevel> = {
  province: 'city',
  city: 'county',
  county: 'district',
  district: 'district',
};

interface TreeNode {
  key: number;
  title: string;
  children?: TreeNode[];
}

function toTree(items: TreeItem<Region>[]): TreeNode[] {
  return items.map((t) => ({
    key: t.item.id,
    title: t.item.name,
    children: t.children.length ? toTree(t.children) : undefined,
  }));
}

/** 区域: the region tree (省/市/区县/学区) with its details and child regions. */
export function RegionsPage() {
  const { t } = useTranslation();
  const { label, options } = useEnums();
  const can = useCan();
  const { scope } = useOrgScope();
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [parentForNew, setParentForNew] = useState<Region | null>(null);

  const query = useQuery({
    queryKey: listKey(ENDPOINT, ALL),
    queryFn: () => api.get<ListAnswer<Region>>(ENDPOINT, ALL),
  });
  const regions = query.data?.items ?? [];
  const tree = useMemo(() => toTree(buildForest(regions)), [regions]);
  const region = regions.find((r) => r.id === selected) ?? null;
  const children = regions.filter((r) => r.parentId === selected);
  // Schools in the selected region and below, among those the user may see.
  const schoolCount = useMemo(() => {
    if (selected == null) return 0;
    const ids = regionSubtree(scope.regions, selected);
    return scope.schools.filter((s) => ids.has(s.regionId)).length;
  }, [scope, selected]);

  const fields: FieldDef[] = [
    { name: 'parentId', label: t('fields.parentRegion'), kind: 'region', required: true },
    // The level follows from where a region sits; it is chosen once, at creation.
    {
      name: 'level',
      label: t('fields.level'),
      kind: 'select',
      required: true,
      lockedOnEdit: true,
      options: options(REGION_LEVELS),
    },
    { name: 'code', label: t('fields.code'), required: true, maxLength: 40, lockedOnEdit: true },
    { name: 'name', label: t('fields.name'), required: true, maxLength: 40 },
    { name: 'sort', label: t('fields.sort'), kind: 'number', min: 0, help: t('regions.sortHelp') },
  ];

  const addChild = (parent: Region | null) => {
    setParentForNew(parent);
    setEditing(null);
  };

  return (
    <Page
      title={t('pages.regions')}
      extra={
        <Space wrap>
          <ImportButton kind="regions" />
          <ExportButton kind="regions" params={{}} />
          {can.county && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => addChild(region)} data-testid="region-add">
              {region ? t('regions.addChild') : t('regions.add')}
            </Button>
          )}
        </Space>
      }
    >
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card size="small" title={t('regions.tree')}>
            {query.isLoading && <Spin />}
            {query.isSuccess && tree.length === 0 && <Empty description={t('regions.empty')} />}
            {tree.length > 0 && (
              <div data-testid="region-tree">
                <Tree<TreeNode>
                  treeData={tree}
                  defaultExpandAll
                  selectedKeys={selected == null ? [] : [selected]}
                  onSelect={(keys) => setSelected(keys.length ? Number(keys[0]) : null)}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small" title={region?.name ?? t('regions.details')}>
            {!region && <Empty description={t('regions.pick')} />}
            {region && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  data-testid="region-details"
                  items={[
                    { key: 'name', label: t('fields.name'), children: region.name },
                    { key: 'code', label: t('fields.code'), children: region.code },
                    { key: 'level', label: t('fields.level'), children: label(REGION_LEVELS, region.level) },
                    {
                      key: 'parent',
                      label: t('fields.parentRegion'),
                      children: regions.find((r) => r.id === region.parentId)?.name ?? '—',
                    },
                    {
                      key: 'children',
                      label: t('regions.children'),
                      children: children.map((c) => c.name).join('、') || '—',
                    },
                    { key: 'schools', label: t('regions.schoolCount'), children: schoolCount },
                  ]}
                />
                <Space wrap>
                  <RowActions
                    endpoint={ENDPOINT}
                    id={region.id}
                    onEdit={can.county ? () => setEditing(region.id) : undefined}
                    archivable={can.county}
                  >
                    {can.county && (
                      <Button type="link" size="small" onClick={() => addChild(region)}>
                        {t('regions.addChild')}
                      </Button>
                    )}
                    <Link to={`/org/schools?regionId=${region.id}`}>
                      <Button type="link" size="small" data-testid="region-schools">
                        {t('regions.schools')}
                      </Button>
                    </Link>
                  </RowActions>
                </Space>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('regions.edit') : t('regions.add')}
        fields={fields}
        defaults={{
          parentId: parentForNew?.id ?? null,
          level: parentForNew ? CHILD_LEVEL[parentForNew.level] : 'county',
          sort: 0,
        }}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          if (typeof saved.id === 'number') setSelected(saved.id);
        }}
      />
    </Page>
  );
}
