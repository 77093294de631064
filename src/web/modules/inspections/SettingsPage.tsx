/**
 * 督导规则: the county's inspection rules (insp_settings) as a form — rectification deadlines (by severity),
 * objection windows, reminders and escalation, disagreement and low-score thresholds, lists, risk weights. The
 * bureau reads them; only the county's 教育局管理员 saves (the server refuses others and audits every change).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Radio, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { Page } from '../../ui/Page';
import { BASE } from './shared';

interface Rules {
  rectification: {
    deadlineDays: number;
    deadlineDaysBySeverity?: Record<string, number>;
    objectionDays: number;
    recheckDays: number;
    onRejected: { kind: 'keep' } | { kind: 'reset'; days: number };
    reopenDays: number;
    evidenceRequired: boolean;
    requirePublicSatisfaction: boolean;
  };
  resultObjectionDays: number;
  lowRatio: number;
  spread: { kind: 'points' | 'fraction'; value: number };
  escalation: { remindDaysBefore: number; schoolHeadAfterDays: number; bureauAfterDays: number };
  maxUploadBytes: number;
  severities: string[];
  categories: string[];
  risk: { overdue: number; recurring: number; lowScore: number; monthsSinceVisit: number; maxMonths: number };
}

/** The form shows ratios as percentages and the upload limit in MB; these convert both ways. */
interface FormValues extends Omit<Rules, 'lowRatio' | 'maxUploadBytes' | 'rectification'> {
  rectification: Omit<Rules['rectification'], 'onRejected'> & { onRejectedKind: 'keep' | 'reset'; resetDays?: number };
  lowRatioPct: number;
  maxUploadMb: number;
}
const MB = 1024 * 1024;
const KEY = ['inspections', 'settings'] as const;

function toForm(r: Rules): FormValues {
  const { onRejected, ...rect } = r.rectification;
  return {
    ...r,
    rectification: {
      ...rect,
      onRejectedKind: onRejected.kind,
      resetDays: onRejected.kind === 'reset' ? onRejected.days : 30,
    },
    lowRatioPct: Math.round(r.lowRatio * 1000) / 10,
    spread:
      r.spread.kind === 'fraction' ? { kind: 'fraction', value: Math.round(r.spread.value * 1000) / 10 } : r.spread,
    maxUploadMb: Math.round((r.maxUploadBytes / MB) * 10) / 10,
  };
}

function fromForm(v: FormValues): Rules {
  const { onRejectedKind, resetDays, ...rect } = v.rectification;
  // Only the severities still listed keep their own deadline.
  const bySeverity = Object.fromEntries(
    Object.entries(rect.deadlineDaysBySeverity ?? {}).filter(([k, d]) => v.severities.includes(k) && d != null),
  );
  return {
    rectification: {
      ...rect,
      deadlineDaysBySeverity: bySeverity,
      onRejected: onRejectedKind === 'reset' ? { kind: 'reset', days: resetDays ?? 30 } : { kind: 'keep' },
    },
    resultObjectionDays: v.resultObjectionDays,
    lowRatio: v.lowRatioPct / 100,
    spread: v.spread.kind === 'fraction' ? { kind: 'fraction', value: v.spread.value / 100 } : v.spread,
    escalation: v.escalation,
    maxUploadBytes: Math.round(v.maxUploadMb * MB),
    severities: v.severities,
    categories: v.categories,
    risk: v.risk,
  };
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const canEdit = user.permissions.manageCounty;
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<{ rules: Rules }>(`${BASE}/settings`) });
  const save = useMutation({
    mutationFn: (v: FormValues) => apiJson<{ rules: Rules }>('PUT', `${BASE}/settings`, { body: fromForm(v) }),
    onSuccess: (res) => {
      qc.setQueryData(KEY, res);
      form.setFieldsValue(toForm(res.rules));
      message.success(t('inspections.common.saved'));
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const severities = Form.useWatch('severities', form) ?? q.data?.rules.severities ?? [];
  const rejectedKind = Form.useWatch(['rectification', 'onRejectedKind'], form);
  const spreadKind = Form.useWatch(['spread', 'kind'], form);
  const s = (k: string) => t(`inspections.settings.${k}` as 'inspections.settings.intro');
  const days = { min: 1, max: 365, precision: 0 } as const;

  return (
    <Page
      title={t('inspections.pages.settings')}
      extra={
        canEdit && (
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} disabled={!q.data}>
            {t('inspections.common.save')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {s('intro')}
        </Typography.Paragraph>
        {!canEdit && <Alert type="info" showIcon title={s('readOnly')} />}
        {q.isLoading && <Spin />}
        {q.error && <Alert type="error" title={errorMessage(q.error)} />}
        {q.data && (
          <Form<FormValues>
            form={form}
            layout="vertical"
            disabled={!canEdit}
            initialValues={toForm(q.data.rules)}
            onFinish={(v) => save.mutate(v)}
          >
            <Card size="small" title={s('rectification')} style={{ marginBottom: 12 }}>
              <Space wrap size="large" align="start">
                <Form.Item
                  name={['rectification', 'deadlineDays']}
                  label={s('deadlineDays')}
                  rules={[{ required: true }]}
                >
                  <InputNumber {...days} />
                </Form.Item>
                <Form.Item
                  name={['rectification', 'objectionDays']}
                  label={s('objectionDays')}
                  rules={[{ required: true }]}
                >
                  <InputNumber {...days} />
                </Form.Item>
                <Form.Item
                  name={['rectification', 'recheckDays']}
                  label={s('recheckDays')}
                  rules={[{ required: true }]}
                >
                  <InputNumber {...days} />
                </Form.Item>
                <Form.Item name={['rectification', 'reopenDays']} label={s('reopenDays')} rules={[{ required: true }]}>
                  <InputNumber {...days} />
                </Form.Item>
              </Space>
              <Form.Item label={s('bySeverity')}>
                <Space wrap>
                  {severities.map((sev) => (
                    <Form.Item key={sev} name={['rectification', 'deadlineDaysBySeverity', sev]} noStyle>
                      <InputNumber {...days} addonBefore={sev} style={{ width: 160 }} />
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
              <Space wrap size="large" align="start">
                <Form.Item name={['rectification', 'onRejectedKind']} label={s('onRejected')}>
                  <Radio.Group
                    options={[
                      { value: 'keep', label: s('keep') },
                      { value: 'reset', label: s('reset') },
                    ]}
                  />
                </Form.Item>
                {rejectedKind === 'reset' && (
                  <Form.Item name={['rectification', 'resetDays']} label={s('resetDays')} rules={[{ required: true }]}>
                    <InputNumber {...days} />
                  </Form.Item>
                )}
              </Space>
              <Space wrap size="large">
                <Form.Item name={['rectification', 'evidenceRequired']} valuePropName="checked" noStyle>
                  <Checkbox>{s('evidenceRequired')}</Checkbox>
                </Form.Item>
                <Form.Item name={['rectification', 'requirePublicSatisfaction']} valuePropName="checked" noStyle>
                  <Checkbox>{s('requirePublicSatisfaction')}</Checkbox>
                </Form.Item>
              </Space>
            </Card>
            <Card size="small" title={s('escalation')} style={{ marginBottom: 12 }}>
              <Space wrap size="large" align="start">
                <Form.Item name={['escalation', 'remindDaysBefore']} label={s('remindDaysBefore')}>
                  <InputNumber min={0} max={60} precision={0} />
                </Form.Item>
                <Form.Item name={['escalation', 'schoolHeadAfterDays']} label={s('schoolHeadAfterDays')}>
                  <InputNumber {...days} />
                </Form.Item>
                <Form.Item
                  name={['escalation', 'bureauAfterDays']}
                  label={s('bureauAfterDays')}
                  dependencies={[['escalation', 'schoolHeadAfterDays']]}
                >
                  <InputNumber {...days} />
                </Form.Item>
              </Space>
              <Typography.Text type="secondary">{s('zonesHint')}</Typography.Text>
            </Card>
            <Card size="small" title={s('results')} style={{ marginBottom: 12 }}>
              <Space wrap size="large" align="start">
                <Form.Item name="resultObjectionDays" label={s('resultObjectionDays')} rules={[{ required: true }]}>
                  <InputNumber {...days} />
                </Form.Item>
                <Form.Item name="lowRatioPct" label={s('lowRatio')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
                <Form.Item name={['spread', 'kind']} label={s('spread')}>
                  <Radio.Group
                    options={[
                      { value: 'fraction', label: s('spreadFraction') },
                      { value: 'points', label: s('spreadPoints') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={['spread', 'value']} label=" " rules={[{ required: true }]}>
                  <InputNumber min={0} max={spreadKind === 'fraction' ? 100 : undefined} />
                </Form.Item>
                <Form.Item name="maxUploadMb" label={s('maxUploadMb')} rules={[{ required: true }]}>
                  <InputNumber min={0.1} max={50} step={1} />
                </Form.Item>
              </Space>
            </Card>
            <Card size="small" title={s('lists')} style={{ marginBottom: 12 }}>
              <Form.Item name="severities" label={s('severities')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Select mode="tags" open={false} />
              </Form.Item>
              <Form.Item name="categories" label={s('categories')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Select mode="tags" open={false} />
              </Form.Item>
            </Card>
            <Card size="small" title={s('risk')}>
              <Space wrap size="large" align="start">
                <Form.Item name={['risk', 'overdue']} label={s('riskOverdue')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name={['risk', 'recurring']} label={s('riskRecurring')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name={['risk', 'lowScore']} label={s('riskLowScore')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name={['risk', 'monthsSinceVisit']} label={s('riskMonths')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Form.Item name={['risk', 'maxMonths']} label={s('riskMaxMonths')}>
                  <InputNumber min={1} max={120} precision={0} />
                </Form.Item>
              </Space>
            </Card>
          </Form>
        )}
      </Space>
    </Page>
  );
}
