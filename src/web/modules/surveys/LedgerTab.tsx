import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useOrgScope } from '../../app/scope';
import { useCan } from '../../app/use-can';

/** 特殊家长清单 of the caller's schools: add, record the resolution, check and close (someone else). */
interface Item {
  id: number;
  schoolId: number;
  schoolName: string;
  title: string;
  detail: string | null;
  source: string | null;
  status: 'open' | 'resolved' | 'closed';
  resolution: string | null;
  checkNote: string | null;
}

export function LedgerTab({ list }: { list: 'special_parent' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const { scope } = useOrgScope();
  const key = ['ledger', list];
  const items = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Item[] }>(`/surveys/ledger/${list}`) });
  const [adding, setAdding] = useState(false);
  const [step, setStep] = useState<{ id: number; step: 'resolve' | 'check' } | null>(null);
  const [note, setNote] = useState('');
  const [form] = Form.useForm<{ schoolId: number; title: string; detail?: string }>();
  const done = () => void qc.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (v: object) => api.post(`/surveys/ledger/${list}`, v),
    onSuccess: () => {
      setAdding(false);
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const act = useMutation({
    mutationFn: (v: { id: number; step: string; note: string }) =>
      api.post(`/surveys/ledger/${list}/${v.id}/steps`, { step: v.step, note: v.note }),
    onSuccess: () => {
      setStep(null);
      setNote('');
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const status = {
    open: ['orange', t('surveys.ledger.open')],
    resolved: ['blue', t('surveys.ledger.resolved')],
    closed: ['green', t('surveys.ledger.closed')],
  } as const;
  return (
    <>
      {can.anySchool && (
        <Button style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
          {t('surveys.ledger.add')}
        </Button>
      )}
      <Table<Item>
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        columns={[
          { title: t('surveys.fields.school'), dataIndex: 'schoolName' },
          { title: t('surveys.fields.title'), dataIndex: 'title' },
          { title: t('surveys.ledger.detail'), dataIndex: 'detail' },
          { title: t('surveys.ledger.source'), dataIndex: 'source' },
          {
            title: t('surveys.fields.status'),
            dataIndex: 'status',
            render: (v: Item['status']) => <Tag color={status[v][0]}>{status[v][1]}</Tag>,
          },
          { title: t('surveys.cases.resolution'), dataIndex: 'resolution' },
          { title: t('surveys.ledger.check'), dataIndex: 'checkNote' },
          {
            title: t('common.actions'),
            render: (_, r) =>
              can.school(r.schoolId) &&
              r.status !== 'closed' && (
                <Button
                  size="small"
                  onClick={() => setStep({ id: r.id, step: r.status === 'open' ? 'resolve' : 'check' })}
                >
                  {r.status === 'open' ? t('surveys.ledger.resolve') : t('surveys.ledger.doCheck')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('surveys.ledger.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="schoolId" label={t('surveys.fields.school')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={scope.schools.filter((s) => can.school(s.id)).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="detail" label={t('surveys.ledger.detail')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={step !== null}
        title={step?.step === 'resolve' ? t('surveys.ledger.resolve') : t('surveys.ledger.doCheck')}
        onCancel={() => setStep(null)}
        onOk={() => step && act.mutate({ ...step, note })}
        okButtonProps={{ disabled: !note.trim() }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
        </Space>
      </Modal>
    </>
  );
}
