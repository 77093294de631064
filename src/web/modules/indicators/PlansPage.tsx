import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { Page } from '../../ui/Page';
import { BASE, keys, type PlanListItem, useIsBureau, usePlan, usePlans, useUnitOptions } from './data';
import { FilingsTab } from './FilingsTab';
import { GoalsTab } from './GoalsTab';
import { PlanBoard } from './PlanBoard';
import { SummaryTab } from './SummaryTab';
import { TasksTab } from './TasksTab';

export const PLAN_KINDS = [
  'improvement_year',
  'three_year',
  'five_year',
  'creation',
  'special_rectification',
  'satisfaction',
] as const;

/** 方案与任务: the plans of the county and of the caller's schools; one plan opens with its board and tabs. */
export function PlansPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ? Number(params.get('plan')) : null;
  const open = (id: number | null) => setParams(id ? { plan: String(id) } : {});
  if (planId) return <PlanDetail id={planId} onBack={() => open(null)} />;
  return <PlanList onOpen={open} title={t('indicators.plans.title')} />;
}

function PlanList({ onOpen, title }: { onOpen: (id: number) => void; title: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const bureau = useIsBureau();
  const plans = usePlans();
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={title}
      extra={
        (can.anySchool || bureau) && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="create-plan">
            {t('indicators.plans.add')}
          </Button>
        )
      }
    >
      <Table<PlanListItem>
        rowKey="id"
        size="small"
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        scroll={{ x: 600 }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('indicators.fields.title'),
            dataIndex: 'title',
            render: (v: string) => <Typography.Link>{v}</Typography.Link>,
          },
          {
            title: t('indicators.fields.planKind'),
            dataIndex: 'kind',
            render: (v: string) => t(`indicators.planKinds.${v as 'creation'}`),
          },
          { title: t('indicators.fields.owner'), render: (_, r) => r.schoolName ?? t('indicators.plans.bureau') },
          { title: t('indicators.fields.span'), render: (_, r) => `${r.startDate} ～ ${r.endDate}` },
        ]}
      />
      {creating && <CreatePlan onClose={() => setCreating(false)} onCreated={onOpen} />}
    </Page>
  );
}

function CreatePlan({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const bureau = useIsBureau();
  const owners = useUnitOptions(bureau);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: {
      kind: string;
      title: string;
      ownerUnit: string;
      start: dayjs.Dayjs;
      end: dayjs.Dayjs;
      filingDue?: dayjs.Dayjs;
      basis?: string;
      leader?: string;
      deputies?: string;
      members?: string;
      office?: string;
    }) =>
      api.post<{ id: number }>(`${BASE}/plans`, {
        kind: v.kind,
        title: v.title,
        ownerUnit: v.ownerUnit,
        startDate: v.start.format('YYYY-MM-DD'),
        endDate: v.end.format('YYYY-MM-DD'),
        filingDue: v.filingDue ? v.filingDue.format('YYYY-MM-DD') : null,
        basis: v.basis,
        leadingGroup: (
          [
            ['leader', v.leader],
            ['deputy', v.deputies],
            ['member', v.members],
            ['office', v.office],
          ] as const
        ).flatMap(([role, names]) =>
          (names ?? '')
            .split(/[,，、\s]+/)
            .filter(Boolean)
            .map((name) => ({ role, name })),
        ),
      }),
    onSuccess: (r) => {
      client.invalidateQueries({ queryKey: keys.plans });
      onClose();
      onCreated(r.id);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={640}
      title={t('indicators.plans.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'plan-ok' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ kind: 'improvement_year', ownerUnit: owners[0]?.value }}
      >
        <Form.Item name="title" label={t('indicators.fields.title')} rules={[{ required: true }]}>
          <Input data-testid="plan-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('indicators.fields.planKind')}>
            <Select
              style={{ width: 160 }}
              options={PLAN_KINDS.map((k) => ({ value: k, label: t(`indicators.planKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="ownerUnit" label={t('indicators.fields.owner')} rules={[{ required: true }]}>
            <Select style={{ width: 220 }} showSearch optionFilterProp="label" options={owners} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="start" label={t('indicators.fields.start')} rules={[{ required: true }]}>
            <DatePicker data-testid="plan-start" />
          </Form.Item>
          <Form.Item
            name="end"
            label={t('indicators.fields.end')}
            rules={[{ required: true }]}
            help={t('indicators.plans.phasesHelp')}
          >
            <DatePicker data-testid="plan-end" />
          </Form.Item>
          <Form.Item name="filingDue" label={t('indicators.fields.filingDue')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="basis" label={t('indicators.fields.basis')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="leader" label={t('indicators.group.leader')}>
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="deputies" label={t('indicators.group.deputy')}>
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="members" label={t('indicators.group.member')}>
            <Input style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="office" label={t('indicators.group.office')}>
            <Input style={{ width: 130 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function PlanDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const plan = usePlan(id);
  const view = plan.data;
  const group = view?.plan.leadingGroup ?? [];
  return (
    <Page
      title={
        <Space wrap>
          <Button type="link" onClick={onBack} style={{ padding: 0 }}>
            {t('indicators.plans.back')}
          </Button>
          <span data-testid="plan-heading">{view?.plan.title}</span>
          {view && <Tag>{t(`indicators.planKinds.${view.plan.kind as 'creation'}`)}</Tag>}
        </Space>
      }
      extra={view && <span>{`${view.plan.ownerName} · ${view.plan.startDate} ～ ${view.plan.endDate}`}</span>}
    >
      {view && (
        <>
          {group.length > 0 && (
            <p>
              {(['leader', 'deputy', 'member', 'office'] as const)
                .map((role) => {
                  const names = group.filter((m) => m.role === role).map((m) => m.name);
                  return names.length ? `${t(`indicators.group.${role}`)}：${names.join('、')}` : null;
                })
                .filter(Boolean)
                .join('；')}
            </p>
          )}
          <Tabs
            destroyOnHidden
            items={[
              { key: 'board', label: t('indicators.board.title'), children: <PlanBoard view={view} /> },
              { key: 'goals', label: t('indicators.plans.goals'), children: <GoalsTab view={view} /> },
              { key: 'tasks', label: t('indicators.plans.tasks'), children: <TasksTab view={view} /> },
              ...(view.plan.filingDue
                ? [{ key: 'filings', label: t('indicators.plans.filings'), children: <FilingsTab view={view} /> }]
                : []),
              { key: 'summary', label: t('indicators.plans.summary'), children: <SummaryTab view={view} /> },
            ]}
          />
        </>
      )}
    </Page>
  );
}
