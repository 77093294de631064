import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import {
  BASE,
  formatValue,
  type GoalView,
  keys,
  type PlanView,
  STATUS_COLOR,
  type TargetItem,
  useIsBureau,
  useLibrary,
  usePeriods,
  useUnitOptions,
} from './data';
import { RaiseProblem } from './RaiseProblem';

/** The plan's goals: each bound to an indicator's target for a unit and period, with its attainment now. */
export function GoalsTab({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const bureau = useIsBureau();
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      client.setQueryData(keys.plan(view.plan.id), {
        ...(await api.get<PlanView>(`${BASE}/plans/${view.plan.id}`, { refresh: true })),
      });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRefreshing(false);
    }
  };
  const remove = useMutation({
    mutationFn: (goalId: number) => api.delete(`${BASE}/plans/${view.plan.id}/goals/${goalId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.plan(view.plan.id) }),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {view.mayEdit && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="add-goal">
            {t('indicators.plans.addGoal')}
          </Button>
        )}
        <Button onClick={refresh} loading={refreshing} data-testid="recompute">
          {t('indicators.targets.recompute')}
        </Button>
      </Space>
      <Table<GoalView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.goals}
        scroll={{ x: 800 }}
        columns={[
          { title: t('indicators.fields.indicator'), dataIndex: 'name' },
          { title: t('indicators.fields.orgUnit'), dataIndex: 'orgUnitName' },
          { title: t('indicators.fields.period'), dataIndex: 'periodName' },
          { title: t('indicators.fields.baseline'), render: (_, g) => formatValue(g.unit, g.baseline) },
          { title: t('indicators.fields.target'), render: (_, g) => formatValue(g.unit, g.target) },
          {
            title: t('indicators.fields.value'),
            render: (_, g) => (g.source.available ? formatValue(g.unit, g.value) : t('indicators.library.unavailable')),
          },
          {
            title: t('indicators.fields.status'),
            render: (_, g) => <Tag color={STATUS_COLOR[g.status]}>{t(`indicators.status.${g.status}`)}</Tag>,
          },
          { title: t('indicators.fields.sourceRef'), render: (_, g) => g.source.ref },
          ...(bureau
            ? [
                {
                  title: t('indicators.ledger.raise'),
                  render: (_: unknown, g: GoalView) =>
                    g.status === 'red' && g.orgUnit.startsWith('school:') ? (
                      <RaiseProblem planId={view.plan.id} goalId={g.id} />
                    ) : null,
                },
              ]
            : []),
          ...(view.mayEdit
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, g: GoalView) => (
                    <Button type="link" danger size="small" onClick={() => remove.mutate(g.id)}>
                      {t('indicators.plans.removeGoal')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddGoal planId={view.plan.id} onClose={() => setAdding(false)} />}
    </>
  );
}

/**
 * Adds a goal: the target of the indicator for the unit and period is reused when it exists, otherwise set here
 * (the bureau sets targets); percent values are typed as percentages (95 = 95%).
 */
function AddGoal({ planId, onClose }: { planId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const bureau = useIsBureau();
  const library = useLibrary();
  const periods = usePeriods();
  const units = useUnitOptions(true);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const add = useMutation({
    mutationFn: async (v: {
      indicatorId: number;
      unit: string;
      periodId: number;
      kind: 'absolute' | 'count' | 'rank' | 'change';
      value?: number;
      baseline?: number;
    }) => {
      const indicator = library.data?.items.find((i) => i.id === v.indicatorId);
      const pct = (x: number | undefined) =>
        x === undefined || x === null ? undefined : indicator?.unit === 'percent' ? x / 100 : x;
      const existing = await api.get<{ items: TargetItem[] }>(`${BASE}/targets`, {
        indicatorId: v.indicatorId,
        periodId: v.periodId,
      });
      let targetId = existing.items.find((x) => x.unit === v.unit)?.id;
      if (!targetId) {
        const body =
          v.kind === 'change'
            ? { kind: 'change', delta: pct(v.value), changeMode: 'points', baseline: pct(v.baseline) ?? null }
            : {
                kind: v.kind,
                value: v.kind === 'absolute' ? pct(v.value) : v.value,
                baseline: pct(v.baseline) ?? null,
              };
        targetId = (
          await api.post<{ id: number }>(`${BASE}/targets`, {
            indicatorId: v.indicatorId,
            unit: v.unit,
            periodId: v.periodId,
            ...body,
          })
        ).id;
      }
      return api.post(`${BASE}/plans/${planId}/goals`, { targetId });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.plan(planId) });
      client.invalidateQueries({ queryKey: keys.targets });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t('indicators.plans.addGoal')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'goal-ok' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ kind: 'absolute' }}>
        <Form.Item name="indicatorId" label={t('indicators.fields.indicator')} rules={[{ required: true }]}>
          <Select
            data-testid="goal-indicator"
            showSearch
            optionFilterProp="label"
            options={(library.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('indicators.fields.orgUnit')} rules={[{ required: true }]}>
          <Select data-testid="goal-unit" showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item name="periodId" label={t('indicators.fields.period')} rules={[{ required: true }]}>
          <Select
            data-testid="goal-period"
            options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        {bureau && (
          <Space wrap>
            <Form.Item name="kind" label={t('indicators.fields.kind')}>
              <Select
                style={{ width: 140 }}
                options={(['absolute', 'change', 'rank', 'count'] as const).map((k) => ({
                  value: k,
                  label: t(`indicators.kinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="value"
              label={kind === 'change' ? t('indicators.fields.delta') : t('indicators.fields.target')}
              help={t('indicators.plans.percentHelp')}
            >
              <InputNumber data-testid="goal-target" />
            </Form.Item>
            <Form.Item name="baseline" label={t('indicators.fields.baseline')}>
              <InputNumber />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
