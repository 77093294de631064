/**
 * 诉求时限与模板: the county's time limits for 签收/答复/办结 (working days) per category and urgency — a category
 * row, else the 全部类别 row, else the system default (cases.ts limitsFor) — and the reply templates schools pick
 * from. The county's 教育局管理员 saves limits; whoever manages a school adds templates; everyone reads.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES } from '../../../common/surveys/cases';
import { api, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { Page } from '../../ui/Page';

type Urgency = 'normal' | 'urgent';
interface Limits {
  acceptDays: number;
  replyDays: number;
  closeDays: number;
}
interface LimitRow extends Limits {
  category: string;
  urgency: Urgency;
}
interface Template {
  id: number;
  category: string | null;
  title: string;
  body: string;
}
/** One line of the editor: a category (or '*') and urgency, with its own limits or none (falls back). */
interface EditRow extends Limits {
  key: string;
  category: string;
  urgency: Urgency;
  custom: boolean;
}

const URGENCIES: Urgency[] = ['normal', 'urgent'];
const LIMITS_KEY = ['cases', 'limits'] as const;
const TEMPLATES_KEY = ['cases', 'templates'] as const;

export function CaseRulesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('surveys.pages.caseRules')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <LimitsCard />
        <TemplatesCard />
      </Space>
    </Page>
  );
}

function LimitsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canEdit = useUser().permissions.manageCounty;
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: LIMITS_KEY,
    queryFn: () => api.get<{ defaults: Record<Urgency, Limits>; rows: LimitRow[] }>('/surveys/cases-limits'),
  });
  const [rows, setRows] = useState<EditRow[]>([]);
  useEffect(() => {
    if (!q.data) return;
    const stored = q.data.rows;
    const defaults = q.data.defaults;
    setRows(
      ['*', ...CASE_CATEGORIES].flatMap((category) =>
        URGENCIES.map((urgency) => {
          const own = stored.find((r) => r.category === category && r.urgency === urgency);
          return { key: `${category}|${urgency}`, category, urgency, custom: !!own, ...(own ?? defaults[urgency]) };
        }),
      ),
    );
  }, [q.data]);
  const save = useMutation({
    mutationFn: () =>
      apiJson('PUT', '/surveys/cases-limits', {
        body: {
          rows: rows
            .filter((r) => r.custom)
            .map(({ category, urgency, acceptDays, replyDays, closeDays }) => ({
              category,
              urgency,
              acceptDays,
              replyDays,
              closeDays,
            })),
        },
      }),
    onSuccess: async () => {
      message.success(t('surveys.caseRules.saved'));
      await qc.invalidateQueries({ queryKey: LIMITS_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const patch = (key: string, change: Partial<EditRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const d = q.data?.defaults;
  const dayInput = (field: keyof Limits, max: number) => (v: number, r: EditRow) =>
    r.custom ? (
      <InputNumber
        size="small"
        min={0}
        max={max}
        precision={0}
        value={v}
        disabled={!canEdit}
        onChange={(n) => patch(r.key, { [field]: n ?? 0 })}
        style={{ width: 72 }}
      />
    ) : (
      <Typography.Text type="secondary">{v}</Typography.Text>
    );

  return (
    <Card
      size="small"
      title={t('surveys.caseRules.limitsTitle')}
      extra={
        canEdit && (
          <Button type="primary" loading={save.isPending} disabled={!q.data} onClick={() => save.mutate()}>
            {t('surveys.caseRules.save')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('surveys.caseRules.limitsIntro')}</Typography.Paragraph>
      {d && (
        <Typography.Paragraph type="secondary">
          {URGENCIES.map(
            (u) =>
              `${t(`surveys.caseRules.${u}`)}：${t('surveys.caseRules.byDefault', {
                accept: d[u].acceptDays,
                reply: d[u].replyDays,
                close: d[u].closeDays,
              })}`,
          ).join('；')}
        </Typography.Paragraph>
      )}
      {!canEdit && <Alert type="info" showIcon title={t('surveys.caseRules.readOnly')} style={{ marginBottom: 12 }} />}
      {q.error && <Alert type="error" title={errorMessage(q.error)} />}
      <Table<EditRow>
        size="small"
        rowKey="key"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('surveys.caseRules.category'),
            dataIndex: 'category',
            render: (c: string) => (c === '*' ? <strong>{t('surveys.caseRules.all')}</strong> : c),
          },
          {
            title: t('surveys.caseRules.urgency'),
            dataIndex: 'urgency',
            render: (u: Urgency) => t(`surveys.caseRules.${u}`),
          },
          {
            title: t('surveys.caseRules.custom'),
            dataIndex: 'custom',
            render: (v: boolean, r) => (
              <Checkbox checked={v} disabled={!canEdit} onChange={(e) => patch(r.key, { custom: e.target.checked })} />
            ),
          },
          { title: t('surveys.caseRules.accept'), dataIndex: 'acceptDays', render: dayInput('acceptDays', 60) },
          { title: t('surveys.caseRules.reply'), dataIndex: 'replyDays', render: dayInput('replyDays', 120) },
          { title: t('surveys.caseRules.close'), dataIndex: 'closeDays', render: dayInput('closeDays', 365) },
        ]}
      />
    </Card>
  );
}

function TemplatesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canAdd = useUser().permissions.manageAnySchool;
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ category?: string; title: string; body: string }>();
  const q = useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => api.get<{ items: Template[] }>('/surveys/cases-templates'),
  });
  const add = useMutation({
    mutationFn: (v: { category?: string; title: string; body: string }) =>
      api.post('/surveys/cases-templates', { ...v, category: v.category ?? null }),
    onSuccess: async () => {
      message.success(t('surveys.caseRules.saved'));
      setAdding(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card
      size="small"
      title={t('surveys.caseRules.templatesTitle')}
      extra={
        canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('surveys.caseRules.addTemplate')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('surveys.caseRules.templatesIntro')}</Typography.Paragraph>
      {q.error && <Alert type="error" title={errorMessage(q.error)} />}
      <Table<Template>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('surveys.caseRules.noTemplates') }}
        columns={[
          {
            title: t('surveys.caseRules.category'),
            dataIndex: 'category',
            render: (c: string | null) => c ?? t('surveys.caseRules.anyCategory'),
          },
          { title: t('surveys.caseRules.title'), dataIndex: 'title' },
          {
            title: t('surveys.caseRules.body'),
            dataIndex: 'body',
            render: (b: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{b}</span>,
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('surveys.caseRules.addTemplate')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="category" label={t('surveys.caseRules.category')}>
            <Select
              allowClear
              placeholder={t('surveys.caseRules.anyCategory')}
              options={CASE_CATEGORIES.map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('surveys.caseRules.title')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('surveys.caseRules.body')} rules={[{ required: true, max: 5000 }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
