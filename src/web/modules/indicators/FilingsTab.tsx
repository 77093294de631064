import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { BASE, type PlanView, useIsBureau } from './data';

interface Filing {
  schoolId: number;
  schoolName: string;
  filingId: number | null;
  title: string | null;
  content: string | null;
  status: 'missing' | 'submitted' | 'approved' | 'returned';
  reviewComment: string | null;
  submittedAt: string | null;
  late: boolean | null;
}
const COLORS = { missing: 'default', submitted: 'blue', approved: 'green', returned: 'orange' } as const;

/** Cascading: each school files its own plan by the date; the bureau approves or returns it; who has filed. */
export function FilingsTab({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const bureau = useIsBureau();
  const client = useQueryClient();
  const key = ['indicators', 'filings', view.plan.id];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ filingDue: string; items: Filing[] }>(`${BASE}/plans/${view.plan.id}/filings`),
  });
  const [filing, setFiling] = useState<Filing | null>(null);
  const [viewing, setViewing] = useState<Filing | null>(null);
  const review = useMutation({
    mutationFn: (v: { id: number; decision: 'approve' | 'return'; comment?: string }) =>
      api.post(`${BASE}/filings/${v.id}/review`, v),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: key });
      setViewing(null);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const items = q.data?.items ?? [];
  const filed = items.filter((f) => f.status !== 'missing').length;
  return (
    <>
      <p>{t('indicators.filings.summary', { due: q.data?.filingDue ?? '', filed, total: items.length })}</p>
      <Table<Filing>
        rowKey="schoolId"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        scroll={{ x: 600 }}
        columns={[
          { title: t('indicators.fields.school'), dataIndex: 'schoolName' },
          { title: t('indicators.fields.title'), dataIndex: 'title' },
          {
            title: t('indicators.fields.status'),
            render: (_, f) => (
              <Space size={4}>
                <Tag color={COLORS[f.status]}>{t(`indicators.filings.${f.status}`)}</Tag>
                {f.late && <Tag color="red">{t('indicators.filings.late')}</Tag>}
              </Space>
            ),
          },
          { title: t('indicators.filings.comment'), dataIndex: 'reviewComment' },
          {
            title: t('common.actions'),
            render: (_, f) => (
              <Space>
                {can.school(f.schoolId) && f.status !== 'approved' && (
                  <Button size="small" type="link" onClick={() => setFiling(f)}>
                    {t('indicators.filings.file')}
                  </Button>
                )}
                {bureau && f.status === 'submitted' && (
                  <Button size="small" type="link" onClick={() => setViewing(f)}>
                    {t('indicators.filings.review')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {filing && (
        <FileModal
          planId={view.plan.id}
          filing={filing}
          onClose={() => {
            setFiling(null);
            client.invalidateQueries({ queryKey: key });
          }}
        />
      )}
      {viewing && (
        <ReviewModal
          filing={viewing}
          loading={review.isPending}
          onClose={() => setViewing(null)}
          onDecide={(decision, comment) => review.mutate({ id: viewing.filingId as number, decision, comment })}
        />
      )}
    </>
  );
}

function FileModal({ planId, filing, onClose }: { planId: number; filing: Filing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const send = useMutation({
    mutationFn: (v: { title: string; content: string }) =>
      api.post(`${BASE}/plans/${planId}/filings`, { schoolId: filing.schoolId, ...v }),
    onSuccess: onClose,
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={640}
      title={`${filing.schoolName} · ${t('indicators.filings.file')}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => send.mutate(v)}
        initialValues={{ title: filing.title ?? '', content: filing.content ?? '' }}
      >
        <Form.Item name="title" label={t('indicators.fields.title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t('indicators.filings.content')}>
          <Input.TextArea rows={8} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReviewModal({
  filing,
  loading,
  onClose,
  onDecide,
}: {
  filing: Filing;
  loading: boolean;
  onClose: () => void;
  onDecide: (d: 'approve' | 'return', comment?: string) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <Modal
      open
      width={640}
      title={`${filing.schoolName} · ${filing.title}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button danger loading={loading} onClick={() => onDecide('return', comment || undefined)}>
            {t('indicators.manual.return')}
          </Button>
          <Button type="primary" loading={loading} onClick={() => onDecide('approve', comment || undefined)}>
            {t('indicators.manual.approve')}
          </Button>
        </Space>
      }
    >
      <pre style={{ whiteSpace: 'pre-wrap' }}>{filing.content}</pre>
      <Input.TextArea
        rows={2}
        placeholder={t('indicators.filings.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
    </Modal>
  );
}
