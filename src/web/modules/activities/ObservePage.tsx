import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { DateInput } from '../../ui/DateInput';
import { Page } from '../../ui/Page';
import { invalidateEntity } from '../../ui/query-keys';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { OBSERVATION_KINDS, type Observation, type Rubric } from './api-types';
import { MY_QUOTAS_KEY, MyQuotas } from './MyQuotas';

interface StaffRow {
  id: number;
  name: string;
  schoolId: number | null;
  schoolName: string | null;
  subjectIds: number[];
}

interface Values {
  teacherId?: number;
  subjectId?: number;
  classId?: number | null;
  lessonDate: string;
  period?: number;
  kind: string;
  rubricId?: number;
  scores: Record<string, number>;
  evidence?: string;
  strengths?: string;
  improvement?: string;
}

/**
 * 听课登记: the fast entry on a phone during the lesson — one column, big tap targets (level buttons, 节次 buttons),
 * the teacher searched by name, the subject proposed from the teacher's record. After saving, the observer's own
 * quota card moves at once.
 */
export function ObservePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const teacherId = Form.useWatch('teacherId', form);
  const rubricId = Form.useWatch('rubricId', form);

  const rubrics = useQuery({
    queryKey: ['activities', 'rubrics'],
    queryFn: () => api.get<Rubric[]>('/activities/rubrics'),
  });
  const rubric = rubrics.data?.find((r) => r.id === rubricId);
  const teacher = useQuery({
    queryKey: ['org/staff', 'item', teacherId],
    queryFn: () => api.get<StaffRow>(`/org/staff/${teacherId}`),
    enabled: typeof teacherId === 'number',
  });
  const initial = useMemo<Values>(
    () => ({ lessonDate: dayjs().format('YYYY-MM-DD'), kind: '推门听课', scores: {} }),
    [],
  );
  // The first rubric (四看) is the default; the teacher's first subject is proposed once the teacher is chosen.
  useEffect(() => {
    if (rubrics.data?.length && form.getFieldValue('rubricId') === undefined)
      form.setFieldValue('rubricId', rubrics.data[0].id);
  }, [rubrics.data, form]);
  useEffect(() => {
    if (teacher.data?.subjectIds.length && !form.getFieldValue('subjectId'))
      form.setFieldValue('subjectId', teacher.data.subjectIds[0]);
  }, [teacher.data, form]);

  async function submit(values: Values) {
    setError(null);
    setSaving(true);
    try {
      await api.post<Observation>('/activities/observations', {
        ...values,
        classId: values.classId ?? null,
        evidence: values.evidence?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: MY_QUOTAS_KEY });
      await invalidateEntity(queryClient, '/activities/observations');
      message.success(t('activities.observe.another'));
      form.resetFields(['scores', 'evidence', 'strengths', 'improvement', 'period']);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Page title={t('activities.pages.observe')}>
      <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('activities.observe.intro')}
        </Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={submit}
          onValuesChange={(changed) => {
            if ('teacherId' in changed) form.setFieldsValue({ classId: null, subjectId: undefined });
          }}
          data-testid="observe-form"
        >
          <Form.Item name="teacherId" label={t('activities.fields.teacher')} rules={[{ required: true }]}>
            <RemoteSelect
              source={{ endpoint: '/org/staff', label: (s: StaffRow) => `${s.name} · ${s.schoolName ?? ''}` }}
              placeholder={t('activities.observe.pickTeacher')}
              data-testid="observe-teacher"
            />
          </Form.Item>
          <Form.Item name="subjectId" label={t('activities.fields.subject')} rules={[{ required: true }]}>
            <RemoteSelect
              source={{
                endpoint: '/org/subjects',
                label: (s: { name: string }) => s.name,
              }}
              data-testid="observe-subject"
            />
          </Form.Item>
          <Form.Item name="classId" label={t('activities.fields.class')}>
            <RemoteSelect
              source={{
                endpoint: '/org/classes',
                params: { schoolId: teacher.data?.schoolId ?? undefined },
                label: (c: { name: string }) => c.name,
              }}
              disabled={!teacher.data?.schoolId}
              data-testid="observe-class"
            />
          </Form.Item>
          <Form.Item name="lessonDate" label={t('activities.fields.lessonDate')} rules={[{ required: true }]}>
            <DateInput data-testid="observe-date" />
          </Form.Item>
          <Form.Item name="period" label={t('activities.fields.period')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="observe-period">
              {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
                <Radio.Button key={n} value={n} data-testid={`observe-period-${n}`}>
                  {n}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="kind" label={t('activities.fields.kind')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid">
              {OBSERVATION_KINDS.map((k) => (
                <Radio.Button key={k} value={k} data-testid={`observe-kind-${k}`}>
                  {k}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="rubricId" label={t('activities.fields.rubric')} rules={[{ required: true }]}>
            <Select
              options={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              onChange={() => form.setFieldValue('scores', {})}
            />
          </Form.Item>
          {rubric?.criteria.map((c) => (
            <Form.Item
              key={`${rubric.id}:${c.id}`}
              name={['scores', c.id]}
              label={c.zh}
              tooltip={c.hint}
              rules={[{ required: true }]}
            >
              <Radio.Group optionType="button" buttonStyle="solid" data-testid={`observe-score-${c.id}`}>
                {rubric.levelLabels.map((label, i) => (
                  <Radio.Button key={label} value={i + 1} data-testid={`observe-score-${c.id}-${i + 1}`}>
                    {label}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          ))}
          <Form.Item name="evidence" label={t('activities.fields.evidence')}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="observe-evidence" />
          </Form.Item>
          <Form.Item
            name="strengths"
            label={t('activities.fields.strengths')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={2000} data-testid="observe-strengths" />
          </Form.Item>
          <Form.Item
            name="improvement"
            label={t('activities.fields.improvement')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="observe-improvement" />
          </Form.Item>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="observe-error" />
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={saving} data-testid="observe-submit">
            {t('activities.observe.submit')}
          </Button>
        </Form>
        <MyQuotas />
      </Space>
    </Page>
  );
}
