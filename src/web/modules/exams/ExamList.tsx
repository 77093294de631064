import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GRADE_LEVELS } from '../../../common/org/enums';
import { api } from '../../app/api';
import { useUser } from '../../app/auth';
import { useEnums } from '../../ui/enums';
import { Page } from '../../ui/Page';
import { ExamForm } from './ExamForm';
import { ExamImport } from './ExamImport';
import type { ExamListItem } from './types';

const STATUS_COLOR: Record<string, string> = { done: 'green', failed: 'red', running: 'blue', queued: 'gold' };

export function ExamList() {
  const { t } = useTranslation();
  const { label } = useEnums();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [importing, setImporting] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['exams', 'list', page],
    queryFn: () => api.get<{ items: ExamListItem[]; total: number }>('/exams', { page, pageSize: 20 }),
    refetchInterval: (q) =>
      q.state.data?.items.some((e) => ['queued', 'running'].includes(e.analysisStatus)) ? 2000 : false,
  });
  const mayCreate =
    user.permissions.manageCounty ||
    user.permissions.manageAnySchool ||
    user.roles.some((r) => r.role === 'researcher');
  return (
    <Page
      title={t('exams.list')}
      extra={
        mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="exam-create">
            {t('exams.create')}
          </Button>
        )
      }
    >
      <Table<ExamListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        pagination={{ current: page, total: list.data?.total, pageSize: 20, onChange: setPage }}
        columns={[
          {
            title: t('exams.name'),
            dataIndex: 'name',
            render: (name: string, e) => (
              <Link to={`/exams?exam=${e.id}`} data-testid={`exam-open-${e.id}`}>
                {name}
              </Link>
            ),
          },
          { title: t('exams.kind'), dataIndex: 'kind', render: (k: string) => t(`exams.kinds.${k}` as never) },
          { title: t('exams.term'), dataIndex: 'termName' },
          { title: t('exams.grade'), dataIndex: 'gradeLevel', render: (g: number) => label(GRADE_LEVELS, g) },
          { title: t('exams.subjects'), dataIndex: 'subjectNames', render: (s: string[]) => s.join('、') },
          { title: t('exams.students'), dataIndex: 'students' },
          {
            title: t('exams.status'),
            dataIndex: 'analysisStatus',
            render: (s: string, e) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[s]} data-testid={`exam-status-${e.id}`}>
                  {t(`exams.analysisStatus.${s}` as never)}
                </Tag>
                {e.stale && s === 'done' && <Tag>{t('exams.stale')}</Tag>}
              </Space>
            ),
          },
          { title: t('exams.computedAt'), dataIndex: 'computedAt' },
          {
            title: '',
            key: 'actions',
            render: (_, e) =>
              mayCreate && (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(e.id)}>
                    {t('exams.edit')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setImporting(e.id)}
                    data-testid={`exam-import-${e.id}`}
                  >
                    {t('exams.import')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing !== undefined && (
        <ExamForm examId={editing} onClose={() => setEditing(undefined)} onSaved={() => void list.refetch()} />
      )}
      {importing !== null && (
        <ExamImport examId={importing} onClose={() => setImporting(null)} onDone={() => void list.refetch()} />
      )}
    </Page>
  );
}
