import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiJson, errorMessage } from '../../app/api';
import { Page } from '../../ui/Page';
import type { ExamThresholds } from './types';

interface Settings {
  thresholds: ExamThresholds;
  composite: { metric: string; weight: number; transform?: 'identity' | 'complement' }[];
  privacy: {
    minGroup: number;
    ranks: Record<'bureau' | 'school' | 'teacher', { compulsory: boolean; senior: boolean }>;
  };
}
const ROLES = ['bureau', 'school', 'teacher'] as const;
const pctOf = (t: ExamThresholds['rates']['pass'] | undefined) =>
  t?.kind === 'fraction' ? Math.round(t.value * 1000) / 10 : undefined;

/**
 * The county's exam settings (教育局管理员): default thresholds copied into each new exam, the 综合得分 weights, and
 * privacy — the smallest group shown in cross-school lists and who may see student ranks in compulsory education
 * (grades 1–9) and in senior high.
 */
export function ExamSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['exams', 'settings'], queryFn: () => apiJson<Settings>('GET', '/exams/settings') });
  useEffect(() => {
    const s = q.data;
    if (!s) return;
    form.setFieldsValue({
      excellent: pctOf(s.thresholds.rates.excellent),
      good: pctOf(s.thresholds.rates.good),
      pass: pctOf(s.thresholds.rates.pass),
      low: pctOf(s.thresholds.rates.low),
      borderlineK: s.thresholds.borderlineK,
      bandStep: s.thresholds.bandStep,
      weights: Object.fromEntries(s.composite.map((c) => [c.metric, c.weight])),
      minGroup: s.privacy.minGroup,
      ranks: s.privacy.ranks,
    });
  }, [q.data, form]);
  const save = async () => {
    const v = await form.validateFields();
    const s = q.data!;
    const frac = (x: number) => ({ kind: 'fraction' as const, value: x / 100 });
    const body: Settings = {
      thresholds: {
        ...s.thresholds,
        rates: { excellent: frac(v.excellent), good: frac(v.good), pass: frac(v.pass), low: frac(v.low) },
        borderlineK: v.borderlineK,
        bandStep: v.bandStep,
      },
      composite: s.composite.map((c) => ({ ...c, weight: v.weights[c.metric] ?? c.weight })),
      privacy: { minGroup: v.minGroup, ranks: v.ranks },
    };
    setError(null);
    try {
      await apiJson('PUT', '/exams/settings', { body });
      message.success(t('exams.saved'));
      void q.refetch();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Page
      title={t('exams.settings')}
      extra={
        <Button type="primary" onClick={() => void save()}>
          {t('exams.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical">
        <Divider titlePlacement="start">{t('exams.thresholds')}</Divider>
        <Space wrap>
          {(['excellent', 'good', 'pass', 'low'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`exams.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} addonAfter="%" />
            </Form.Item>
          ))}
          <Form.Item name="borderlineK" label={t('exams.borderlineK')}>
            <InputNumber min={0} max={50} />
          </Form.Item>
          <Form.Item name="bandStep" label={t('exams.bandStep')}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start">{t('exams.weights')}</Divider>
        <Space wrap>
          {q.data?.composite.map((c) => (
            <Form.Item key={c.metric} name={['weights', c.metric]} label={t(`exams.${c.metric}` as never)}>
              <InputNumber min={0} max={1} step={0.05} />
            </Form.Item>
          ))}
        </Space>
        <Divider titlePlacement="start">{t('exams.privacy')}</Divider>
        <Form.Item name="minGroup" label={t('exams.minGroup')}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        {ROLES.map((role) => (
          <Space key={role} style={{ display: 'flex' }}>
            <Typography.Text style={{ width: 120, display: 'inline-block' }}>
              {t(`exams.rankRoles.${role}`)}
            </Typography.Text>
            <Form.Item name={['ranks', role, 'compulsory']} valuePropName="checked" label={t('exams.ranksCompulsory')}>
              <Switch />
            </Form.Item>
            <Form.Item name={['ranks', role, 'senior']} valuePropName="checked" label={t('exams.ranksSenior')}>
              <Switch />
            </Form.Item>
          </Space>
        ))}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Page>
  );
}
