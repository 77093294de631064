/**
 * 督导检查: the visits the user sees (inspectors: theirs first), planning a visit, and — by the URL — the scoring
 * view (?score=id, ?self=1 for the school's self-assessment) and the result view (?result=id).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import type { ListAnswer } from '../../app/types';
import { DateInput } from '../../ui/DateInput';
import { Page } from '../../ui/Page';
import { ResultView } from './ResultView';
import { ScoreView } from './ScoreView';
import { BASE, isManagerUser, isSchoolSide, VISIT_KINDS } from './shared';

interface VisitRow {
  id: number;
  planId: number;
  schoolId: number;
  schoolName: string;
  status: 'planned' | 'scored' | 'published';
  total: number | null;
  grade: string | null;
  vetoed: boolean;
  planTitle: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  unannounced: boolean;
  templateTitle: string;
  templateVersion: number;
  assigned: boolean;
}

export function VisitsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const score = Number(params.get('score')) || null;
  const result = Number(params.get('result')) || null;
  const back = () => setParams({});
  if (score) return <ScoreView visitId={score} self={params.get('self') === '1'} onBack={back} />;
  if (result)
    return (
      <Page title={t('inspections.pages.visits')}>
        <ResultView visitId={result} onBack={back} />
      </Page>
    );
  return <VisitList />;
}

function VisitList() {
  const { t } = useTranslation();
  const user = useUser();
  const [, setParams] = useSearchParams();
  const [mine, setMine] = useState(isManagerUser(user) && user.roles.some((r) => r.role === 'inspector'));
  const [planning, setPlanning] = useState(false);
  const q = useQuery({
    queryKey: ['list', `${BASE}/visits`, { mine }],
    queryFn: () => api.get<ListAnswer<VisitRow>>(`${BASE}/visits`, { mine: mine || undefined }),
  });
  const manager = isManagerUser(user);
  const school = isSchoolSide(user);
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Page
      title={t('inspections.pages.visits')}
      extra={
        manager && (
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="plan-create">
            {t('inspections.plan.create')}
          </Button>
        )
      }
    >
      {manager && (
        <Space style={{ marginBottom: 12 }}>
          <Switch checked={mine} onChange={setMine} /> {t('inspections.plan.mine')}
        </Space>
      )}
      <Table<VisitRow>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 900 }}
        columns={[
          { title: t('inspections.plan.school'), dataIndex: 'schoolName' },
          {
            title: t('inspections.plan.title'),
            dataIndex: 'planTitle',
            render: (v: string, r) => (
              <span>
                {v} {r.unannounced && <Tag color="purple">{t('inspections.plan.unannounced')}</Tag>}
              </span>
            ),
          },
          {
            title: t('inspections.plan.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`inspections.kinds.${k}` as 'inspections.kinds.routine'),
          },
          { title: t('inspections.plan.dates'), key: 'dates', render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
          {
            title: t('inspections.plan.template'),
            key: 'tpl',
            render: (_, r) => `${r.templateTitle}（v${r.templateVersion}）`,
          },
          {
            title: t('inspections.result.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`inspections.visitStatus.${s}` as 'inspections.visitStatus.planned')}</Tag>,
          },
          {
            title: t('inspections.result.total'),
            key: 'total',
            render: (_, r) => (r.total === null ? '—' : `${r.total} ${r.grade ?? ''}`),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, r) => (
              <Space wrap>
                {r.assigned && r.kind !== 'self' && r.status !== 'published' && r.startsOn <= today && (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`score-${r.id}`}
                    onClick={() => setParams({ score: String(r.id) })}
                  >
                    {t('inspections.plan.score')}
                  </Button>
                )}
                {school && r.status !== 'published' && r.startsOn <= today && (
                  <Button size="small" onClick={() => setParams({ score: String(r.id), self: '1' })}>
                    {t('inspections.plan.selfAssess')}
                  </Button>
                )}
                {(r.status !== 'planned' || manager) && (
                  <Button
                    size="small"
                    data-testid={`result-${r.id}`}
                    onClick={() => setParams({ result: String(r.id) })}
                  >
                    {t('inspections.plan.result')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {planning && <PlanModal onClose={() => setPlanning(false)} />}
    </Page>
  );
}

function PlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const { scope } = useOrgScope();
  const templates = useQuery({
    queryKey: ['list', `${BASE}/templates`],
    queryFn: () =>
      api.get<ListAnswer<{ id: number; title: string; version: number; status: string }>>(`${BASE}/templates`),
  });
  const inspectors = useQuery({
    queryKey: ['list', `${BASE}/inspectors`],
    queryFn: () => api.get<ListAnswer<{ id: number; name: string; username: string }>>(`${BASE}/inspectors`),
  });
  const [saving, setSaving] = useState(false);
  const today = dayjs().format('YYYY-MM-DD');
  const submit = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      await api.post(`${BASE}/plans`, { ...v, inspectorIds: v.inspectorIds ?? [] });
      message.success(t('inspections.plan.created'));
      await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/visits`] });
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('inspections.plan.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'plan-ok' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'routine', startsOn: today, endsOn: today, unannounced: false }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="title" label={t('inspections.plan.title')} rules={[{ required: true }]}>
          <Input data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('inspections.plan.kind')} rules={[{ required: true }]}>
          <Select
            options={VISIT_KINDS.map((k) => ({
              value: k,
              label: t(`inspections.kinds.${k}` as 'inspections.kinds.routine'),
            }))}
          />
        </Form.Item>
        <Form.Item name="templateId" label={t('inspections.plan.template')} rules={[{ required: true }]}>
          <Select
            data-testid="plan-template"
            showSearch={{ optionFilterProp: 'label' }}
            options={(templates.data?.items ?? [])
              .filter((x) => x.status === 'published')
              .map((x) => ({ value: x.id, label: `${x.title}（v${x.version}）` }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="startsOn"
            label={t('inspections.plan.startsOn')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DateInput />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('inspections.plan.endsOn')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DateInput />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="schoolIds" label={t('inspections.plan.schools')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            data-testid="plan-schools"
            showSearch={{ optionFilterProp: 'label' }}
            options={scope.schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="inspectorIds" label={t('inspections.plan.inspectors')}>
          <Select
            mode="multiple"
            data-testid="plan-inspectors"
            showSearch={{ optionFilterProp: 'label' }}
            options={(inspectors.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))}
          />
        </Form.Item>
        <Form.Item name="unannounced" label={t('inspections.plan.unannounced')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Typography.Text type="secondary">{t('inspections.plan.unannouncedHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
