import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Progress, Radio, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { GRADE_LEVELS } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import { useOrgScope } from '../../app/scope';
import { useCan } from '../../app/use-can';
import { Page } from '../../ui/Page';
import type { CampaignItem, SurveyItem } from './api';
import { CampaignDetailView } from './CampaignDetail';

const KEY = ['surveys', 'campaigns'];

/** 满意度测评: the campaigns the user's schools take part in; one opens into its coverage and results. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id')) || null;
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: CampaignItem[] }>('/surveys/campaigns'),
    enabled: id === null,
  });

  if (id) return <CampaignDetailView id={id} onBack={() => setParams({})} />;
  const now = Date.now();
  return (
    <Page
      title={t('surveys.pages.campaigns')}
      extra={
        can.anySchool && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('surveys.actions.newCampaign')}
          </Button>
        )
      }
    >
      <Table<CampaignItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('surveys.fields.title'),
            dataIndex: 'title',
            render: (v, r) => (
              <Button type="link" onClick={() => setParams({ id: String(r.id) })} style={{ padding: 0 }}>
                {v}
              </Button>
            ),
          },
          {
            title: t('surveys.fields.audience'),
            dataIndex: 'audience',
            render: (v) => t(`surveys.audience.${v as 'parents'}`),
          },
          { title: t('surveys.fields.schools'), dataIndex: 'schoolCount' },
          {
            title: t('surveys.fields.window'),
            render: (_, r) =>
              `${dayjs(r.opensAt).format('YYYY-MM-DD HH:mm')} – ${dayjs(r.closesAt).format('YYYY-MM-DD HH:mm')}`,
          },
          {
            title: t('surveys.fields.status'),
            render: (_, r) => {
              const s = now < Date.parse(r.opensAt) ? 'notOpen' : now >= Date.parse(r.closesAt) ? 'closed' : 'open';
              return <Tag color={s === 'open' ? 'green' : undefined}>{t(`surveys.status.${s}`)}</Tag>;
            },
          },
          {
            title: t('surveys.fields.coverage'),
            render: (_, r) => (
              <span>
                {r.respondents} / {r.eligible}
                <Progress
                  percent={r.eligible ? Math.min(100, Math.round((r.respondents / r.eligible) * 100)) : 0}
                  size="small"
                />
              </span>
            ),
          },
        ]}
      />
      <CreateCampaign
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(newId) => setParams({ id: String(newId) })}
      />
    </Page>
  );
}

interface CreateValues {
  surveyId: number;
  title: string;
  schoolIds: number[];
  gradeLevels?: number[];
  mode: 'open' | 'tokens';
  window: [Dayjs, Dayjs];
  target: number;
  previousCampaignId?: number;
}

function CreateCampaign({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const { scope } = useOrgScope();
  const can = useCan();
  const surveys = useQuery({
    queryKey: ['surveys', 'definitions'],
    queryFn: () => api.get<{ items: SurveyItem[] }>('/surveys/definitions'),
    enabled: open,
  });
  const campaigns = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: CampaignItem[] }>('/surveys/campaigns'),
    enabled: open,
  });
  const surveyId = Form.useWatch('surveyId', form);
  const managed = scope.schools.filter((s) => can.school(s.id));
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<{ id: number }>('/surveys/campaigns', {
        surveyId: v.surveyId,
        title: v.title,
        schoolIds: v.schoolIds,
        gradeLevels: v.gradeLevels ?? [],
        mode: v.mode,
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
        target: v.target / 100,
        ...(v.previousCampaignId ? { previousCampaignId: v.previousCampaignId } : {}),
      }),
    onSuccess: (r) => {
      message.success(t('surveys.hints.created'));
      void qc.invalidateQueries({ queryKey: KEY });
      onClose();
      onCreated(r.id);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('surveys.actions.newCampaign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ mode: 'open', target: 50, window: [dayjs(), dayjs().add(14, 'day')] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="surveyId" label={t('surveys.fields.survey')} rules={[{ required: true }]}>
          <Select
            options={(surveys.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.title}（${t(`surveys.audience.${s.audience}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="schoolIds" label={t('surveys.fields.schools')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={managed.map((s) => ({ value: s.id, label: s.name }))}
            maxTagCount={6}
          />
        </Form.Item>
        <Form.Item name="gradeLevels" label={t('surveys.fields.grades')}>
          <Select mode="multiple" options={GRADE_LEVELS.map((g) => ({ value: g.value, label: g.zh }))} />
        </Form.Item>
        <Form.Item name="mode" label={t('surveys.fields.status')}>
          <Radio.Group
            options={(['open', 'tokens'] as const).map((m) => ({ value: m, label: t(`surveys.mode.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="window" label={t('surveys.fields.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="target" label={`${t('surveys.fields.target')} (%)`} rules={[{ required: true }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="previousCampaignId" label={t('surveys.fields.previous')}>
          <Select
            allowClear
            options={(campaigns.data?.items ?? [])
              .filter((c) => c.surveyId === surveyId)
              .map((c) => ({ value: c.id, label: c.title }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
