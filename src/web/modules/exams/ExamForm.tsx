import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Divider, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADE_LEVELS } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import type { Subject, Term } from '../../app/types';
import { useEnums } from '../../ui/enums';
import type { Exam, ExamListItem, ExamThresholds } from './types';

const KINDS = ['sampling', 'final', 'midterm', 'unit', 'mock', 'joint', 'proficiency'];

interface FormValues {
  name: string;
  kind: string;
  termId: number;
  gradeLevel: number;
  examDate?: string;
  schoolIds?: number[];
  ownerSchoolId?: number | null;
  priorExamId?: number | null;
  subjects: { subjectId: number; fullMarks: number; inTotal: boolean; groupName?: string }[];
  excellent: number;
  good: number;
  pass: number;
  low: number;
  borderlineK: number;
  bandStep: number;
  topN: number;
}

const fraction = (t: ExamThresholds['rates']['pass'] | undefined, fallback: number) =>
  t && t.kind === 'fraction' ? Math.round(t.value * 1000) / 10 : fallback;

/** Create or edit an exam: what, when, who takes it, subjects with full marks, and this exam's thresholds. */
export function ExamForm({
  examId,
  onClose,
  onSaved,
}: {
  examId: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { options } = useEnums();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const terms = useQuery({
    queryKey: ['exams', 'terms'],
    queryFn: () => api.get<{ items: Term[] }>('/org/terms', { pageSize: 100 }),
  });
  const subjects = useQuery({
    queryKey: ['exams', 'subjects'],
    queryFn: () => api.get<{ items: Subject[] }>('/org/subjects', { pageSize: 100 }),
  });
  const scope = useQuery({
    queryKey: ['exams', 'scope'],
    queryFn: () => api.get<{ schools: { id: number; name: string }[] }>('/org/scope'),
  });
  const exams = useQuery({
    queryKey: ['exams', 'all'],
    queryFn: () => api.get<{ items: ExamListItem[] }>('/exams', { pageSize: 200 }),
  });
  const settings = useQuery({
    queryKey: ['exams', 'settings'],
    queryFn: () => api.get<{ thresholds: ExamThresholds }>('/exams/settings'),
  });
  const exam = useQuery({
    queryKey: ['exams', 'one', examId],
    queryFn: () => api.get<Exam>(`/exams/${examId}`),
    enabled: examId !== null,
  });

  useEffect(() => {
    const th = exam.data?.thresholds ?? settings.data?.thresholds;
    if (!th) return;
    if (examId !== null && !exam.data) return;
    const e = exam.data;
    form.setFieldsValue({
      ...(e
        ? {
            name: e.name,
            kind: e.kind,
            termId: e.termId,
            gradeLevel: e.gradeLevel,
            examDate: e.examDate ?? undefined,
            schoolIds: e.schoolIds,
            priorExamId: e.priorExamId,
            subjects: e.subjects.map((s) => ({
              subjectId: s.subjectId,
              fullMarks: s.fullMarks,
              inTotal: s.inTotal,
              groupName: s.groupName ?? undefined,
            })),
          }
        : { kind: 'final', subjects: [{ subjectId: undefined as never, fullMarks: 100, inTotal: true }] }),
      excellent: fraction(th.rates.excellent, 85),
      good: fraction(th.rates.good, 70),
      pass: fraction(th.rates.pass, 60),
      low: fraction(th.rates.low, 40),
      borderlineK: th.borderlineK,
      bandStep: th.bandStep,
      topN: th.topN,
    });
  }, [exam.data, settings.data, examId, form]);

  const save = async () => {
    const v = await form.validateFields();
    const base = exam.data?.thresholds ?? settings.data?.thresholds;
    if (!base) return;
    const thresholds: ExamThresholds = {
      ...base,
      rates: {
        excellent: { kind: 'fraction', value: v.excellent / 100 },
        good: { kind: 'fraction', value: v.good / 100 },
        pass: { kind: 'fraction', value: v.pass / 100 },
        low: { kind: 'fraction', value: v.low / 100 },
      },
      borderlineK: v.borderlineK,
      bandStep: v.bandStep,
      topN: v.topN,
    };
    const body = {
      name: v.name,
      kind: v.kind,
      termId: v.termId,
      gradeLevel: v.gradeLevel,
      examDate: v.examDate || null,
      schoolIds: v.schoolIds ?? [],
      priorExamId: v.priorExamId ?? null,
      subjects: v.subjects.map((s) => ({ ...s, groupName: s.groupName?.trim() || null })),
      thresholds,
    };
    setSaving(true);
    setError(null);
    try {
      if (examId === null) await api.post('/exams', body);
      else await api.patch(`/exams/${examId}`, body);
      message.success(t('exams.saved'));
      onSaved();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={examId === null ? t('exams.create') : t('exams.edit')}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'exam-save' } as never}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('exams.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="exam-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('exams.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={KINDS.map((k) => ({ value: k, label: t(`exams.kinds.${k}` as never) }))}
            />
          </Form.Item>
          <Form.Item name="termId" label={t('exams.term')} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={terms.data?.items.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="gradeLevel" label={t('exams.grade')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={options(GRADE_LEVELS)} />
          </Form.Item>
          <Form.Item name="examDate" label={t('exams.date')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="schoolIds" label={t('exams.schools')} extra={t('exams.schoolsHelp')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={scope.data?.schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="priorExamId" label={t('exams.prior')}>
          <Select
            allowClear
            options={exams.data?.items
              .filter((e) => e.id !== examId)
              .map((e) => ({ value: e.id, label: `${e.name}（${e.termName}）` }))}
          />
        </Form.Item>
        <Divider titlePlacement="start">{t('exams.subjects')}</Divider>
        <Form.List name="subjects">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'subjectId']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 140 }}
                      placeholder={t('exams.subject')}
                      options={subjects.data?.items.map((s) => ({ value: s.id, label: s.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'fullMarks']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={1000} addonBefore={t('exams.fullMarks')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'inTotal']} valuePropName="checked" initialValue>
                    <Checkbox>{t('exams.inTotal')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'groupName']}>
                    <Input placeholder={t('exams.group')} style={{ width: 150 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ fullMarks: 100, inTotal: true })} icon={<PlusOutlined />}>
                {t('exams.addSubject')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('exams.thresholds')}</Divider>
        <Space wrap>
          {(['excellent', 'good', 'pass', 'low'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`exams.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} addonAfter="%" style={{ width: 140 }} />
            </Form.Item>
          ))}
          <Form.Item name="borderlineK" label={t('exams.borderlineK')}>
            <InputNumber min={0} max={50} />
          </Form.Item>
          <Form.Item name="bandStep" label={t('exams.bandStep')}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="topN" label={t('exams.topN')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
