import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { BASE } from './data';

/**
 * The bureau's button on a red goal or an overdue school on a task: raises a problem of that school in the
 * rectification ledger (问题整改) with the severity it chooses; the ledger takes it from there (order → 销号).
 */
export function RaiseProblem({
  planId,
  goalId,
  taskId,
  schoolId,
  label,
}: {
  planId: number;
  goalId?: number;
  taskId?: number;
  schoolId?: number;
  label?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ severity: string; description?: string }>();
  const info = useQuery({
    queryKey: ['indicators', 'plan-problems', planId],
    queryFn: () => api.get<{ severities: string[] }>(`${BASE}/plans/${planId}/problems`),
    enabled: open,
  });
  const submit = async (v: { severity: string; description?: string }) => {
    setSaving(true);
    try {
      await api.post(`${BASE}/plans/${planId}/problems`, {
        goalId,
        taskId,
        schoolId,
        severity: v.severity,
        description: v.description?.trim() || undefined,
      });
      message.success(t('indicators.ledger.raised'));
      setOpen(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {label ?? t('indicators.ledger.raise')}
      </Button>
      <Modal
        open={open}
        title={t('indicators.ledger.raise')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
          <Form.Item name="severity" label={t('indicators.ledger.severity')} rules={[{ required: true }]}>
            <Select
              loading={info.isLoading}
              options={(info.data?.severities ?? []).map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t('indicators.ledger.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
