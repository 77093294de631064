import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useOrgScope } from '../../app/scope';
import { useCan } from '../../app/use-can';

/**
 * 问题清单: the schools' problems in the rectification ledger (every source: inspections, surveys, cases, plans).
 * Registering one here raises it in the ledger; its order, answer, verification and 销号 happen on the ledger's page.
 */
interface Problem {
  id: number;
  schoolId: number;
  schoolName: string;
  title: string;
  sourceModule: string;
  category: string;
  severity: string;
  status: string;
  statusLabel: string;
  deadline: string | null;
  closedOn: string | null;
  createdOn: string;
}

const STATUS_COLOR: Record<string, string> = { closed: 'green', ordered: 'orange', found: 'red' };

export function ProblemListTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const { scope } = useOrgScope();
  const key = ['ledger', 'problem'];
  const items = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Problem[] }>('/surveys/ledger/problem') });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ schoolId: number; title: string; detail?: string }>();
  const add = useMutation({
    mutationFn: (v: object) => api.post('/surveys/ledger/problem', v),
    onSuccess: () => {
      setAdding(false);
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const sources: Record<string, string> = {
    inspections: t('surveys.ledger.sources.inspections'),
    surveys: t('surveys.ledger.sources.surveys'),
    cases: t('surveys.ledger.sources.cases'),
    plans: t('surveys.ledger.sources.plans'),
  };
  return (
    <>
      {can.anySchool && (
        <Button style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
          {t('surveys.ledger.add')}
        </Button>
      )}
      <Table<Problem>
        rowKey="id"
        size="small"
        loading={items.isLoading}
        dataSource={items.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('surveys.fields.school'), dataIndex: 'schoolName' },
          { title: t('surveys.fields.title'), dataIndex: 'title' },
          {
            title: t('surveys.ledger.source'),
            dataIndex: 'sourceModule',
            render: (v: string) => sources[v] ?? v,
          },
          { title: t('surveys.ledger.severity'), dataIndex: 'severity' },
          {
            title: t('surveys.fields.status'),
            dataIndex: 'status',
            render: (v: string, r) => <Tag color={STATUS_COLOR[v] ?? 'blue'}>{r.statusLabel}</Tag>,
          },
          { title: t('surveys.ledger.deadline'), dataIndex: 'deadline' },
          { title: t('surveys.ledger.closedOn'), dataIndex: 'closedOn' },
          {
            title: t('common.actions'),
            render: (_, r) => <Link to={`/inspections/problems?problem=${r.id}`}>{t('surveys.ledger.handle')}</Link>,
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
    </>
  );
}
