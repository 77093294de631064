import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_TYPES, STAFF_TIERS } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import { CreateButton } from '../../ui/CreateButton';
import { EntityForm } from '../../ui/EntityForm';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { Page } from '../../ui/Page';
import { listKey } from '../../ui/query-keys';
import { OBSERVATION_KINDS, type QuotaRule } from './api-types';
import { useBureauEditor } from './use-bureau';

const ENDPOINT = '/activities/quota-rules';
const ACTIVITIES = ['observation', 'open_lesson', 'collective_prep', 'training', 'home_visit'] as const;
const SCOPES = ['person', 'group', 'school'] as const;
const MEASURES = ['count', 'hours', 'distinct_families', 'family_coverage'] as const;
const PERIODS = ['week', 'term', 'school_year', 'calendar_year', 'rolling_5y'] as const;
const ROLES = ['researcher', 'principal', 'teacher', 'cadre', 'staff'] as const;
const SUBKINDS = [...OBSERVATION_KINDS, '研究课', '示范课', '观摩课', '汇报课', '入户', '电话', '视频'];
const LEVELS = ['校级', '学区级', '县级', '市级', '省级', '国家级'];

/** 常规量化规则: the quota rules as data, each with the seed line it comes from; the bureau edits them. */
export function QuotaRulesPage() {
  const { t } = useTranslation();
  const { options } = useEnums();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const rules = useQuery({ queryKey: listKey(ENDPOINT), queryFn: () => api.get<QuotaRule[]>(ENDPOINT) });
  const mayEdit = useBureauEditor();
  const f = (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher');
  const opts = <K extends string>(list: readonly K[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`activities.${prefix}.${v}` as 'activities.title') }));

  const fields: FieldDef[] = [
    { name: 'code', label: f('code'), required: true, createOnly: true, maxLength: 40, help: 'a-z 0-9 -' },
    { name: 'label', label: f('label'), required: true, maxLength: 100 },
    { name: 'activity', label: f('activity'), kind: 'select', required: true, options: opts(ACTIVITIES, 'kinds') },
    {
      name: 'subkinds',
      label: f('subkinds'),
      kind: 'multiselect',
      options: SUBKINDS.map((v) => ({ value: v, label: v })),
    },
    { name: 'levels', label: f('levels'), kind: 'multiselect', options: LEVELS.map((v) => ({ value: v, label: v })) },
    { name: 'subjectScope', label: f('subjectScope'), kind: 'select', required: true, options: opts(SCOPES, 'scopes') },
    {
      name: 'subjectRole',
      label: f('subjectRole'),
      kind: 'select',
      options: opts(ROLES, 'roles'),
      visible: (v) => v.subjectScope === 'person',
      required: true,
    },
    {
      name: 'groupKind',
      label: f('groupKind'),
      kind: 'select',
      options: ['备课组', '教研组'].map((v) => ({ value: v, label: v })),
      visible: (v) => v.subjectScope === 'group',
      required: true,
    },
    { name: 'schoolTypes', label: f('schoolTypes'), kind: 'multiselect', options: options(SCHOOL_TYPES) },
    { name: 'tiers', label: f('tiers'), kind: 'multiselect', options: options(STAFF_TIERS) },
    { name: 'measure', label: f('measure'), kind: 'select', required: true, options: opts(MEASURES, 'measures') },
    { name: 'period', label: f('periodKind'), kind: 'select', required: true, options: opts(PERIODS, 'periods') },
    {
      name: 'targetKind',
      label: f('targetKind'),
      kind: 'select',
      required: true,
      options: opts(['fixed', 'per_head'] as const, 'targetKinds'),
    },
    { name: 'targetValue', label: f('targetValue'), kind: 'number', required: true, min: 0 },
    {
      name: 'targetRole',
      label: f('targetRole'),
      kind: 'select',
      options: opts(ROLES, 'roles'),
      visible: (v) => v.targetKind === 'per_head',
      required: true,
    },
    { name: 'active', label: f('active'), kind: 'switch' },
  ];

  return (
    <Page
      title={t('activities.pages.quotaRules')}
      extra={mayEdit ? <CreateButton onClick={() => setEditing(null)} /> : null}
    >
      {!mayEdit && <Alert type="info" showIcon title={t('activities.rules.readonly')} style={{ marginBottom: 12 }} />}
      {rules.error && <Alert type="error" showIcon title={errorMessage(rules.error)} />}
      <Table<QuotaRule>
        rowKey="id"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: f('label'), dataIndex: 'label' },
          {
            title: f('activity'),
            dataIndex: 'activity',
            render: (a: string) => t(`activities.kinds.${a}` as 'activities.title'),
          },
          {
            title: f('subjectScope'),
            render: (_: unknown, r) =>
              `${t(`activities.scopes.${r.subjectScope}` as 'activities.title')}${
                r.subjectRole ? ` · ${t(`activities.roles.${r.subjectRole}` as 'activities.title', r.subjectRole)}` : ''
              }${r.groupKind ? ` · ${r.groupKind}` : ''}`,
          },
          {
            title: f('periodKind'),
            dataIndex: 'period',
            render: (p: string) => t(`activities.periods.${p}` as 'activities.title'),
          },
          {
            title: f('targetValue'),
            render: (_: unknown, r) =>
              `${r.targetKind === 'per_head' ? `× ${r.targetValue}` : r.targetValue} ${t(`activities.measures.${r.measure}` as 'activities.title')}`,
          },
          {
            title: f('citation'),
            render: (_: unknown, r) =>
              r.citation ? (
                <Tooltip title={r.citation.quote}>
                  <Tag>
                    {r.citation.note} {r.citation.section} {r.citation.seedLine}
                  </Tag>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: f('active'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
          },
          ...(mayEdit
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, r: QuotaRule) => (
                    <Button type="link" size="small" onClick={() => setEditing(r.id)}>
                      {t('activities.rules.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('activities.rules.edit') : t('activities.rules.add')}
        fields={fields}
        defaults={{ subjectScope: 'person', targetKind: 'fixed', measure: 'count', period: 'term', active: true }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
