import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { downloadFile } from '../../ui/download';
import { fix } from './format';
import { StudentReport } from './StudentReport';
import type { StudentRow } from './types';

export const FILTERS = [
  'all',
  'excellent',
  'good',
  'pass',
  'low',
  'borderline',
  'top',
  'bottom',
  'notSat',
  'imbalance',
] as const;
export type Filter = (typeof FILTERS)[number];

/** The student rows behind a number (or a 培优补差/临界生 list): filtered by unit and the metric's own cut. */
export function StudentList({
  examId,
  keyName,
  schoolId,
  classId,
  filter,
  onFilter,
}: {
  examId: number;
  keyName: string;
  schoolId?: number;
  classId?: number;
  filter: Filter;
  onFilter: (f: Filter) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const q = { key: keyName, schoolId, classId, filter, page, pageSize: 50 };
  const list = useQuery({
    queryKey: ['exams', examId, 'students', q],
    queryFn: () =>
      api.get<{ items: StudentRow[]; total: number; ranksVisible: boolean }>(`/exams/${examId}/students`, q),
  });
  const ranks = list.data?.ranksVisible;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('exams.filter')}</Typography.Text>
        <Select<Filter>
          value={filter}
          onChange={(f) => {
            setPage(1);
            onFilter(f);
          }}
          style={{ width: 200 }}
          options={FILTERS.map((f) => ({ value: f, label: t(`exams.filters.${f}`) }))}
          data-testid="student-filter"
        />
        <Button
          onClick={() =>
            void downloadFile(
              `/exams/${examId}/export`,
              { view: 'students', key: keyName, schoolId, classId },
              'students.xlsx',
            )
          }
        >
          {t('exams.export')}
        </Button>
      </Space>
      <Table<StudentRow>
        rowKey="studentId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        data-testid="student-rows"
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total,
          onChange: setPage,
          showTotal: (n) => `${n}`,
        }}
        columns={[
          { title: t('exams.studentNo'), dataIndex: 'studentNo' },
          {
            title: t('exams.studentName'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Typography.Link onClick={() => setOpen(r.studentId)} data-testid={`student-${r.studentId}`}>
                {name}
              </Typography.Link>
            ),
          },
          { title: t('exams.schoolName'), dataIndex: 'schoolName' },
          { title: t('exams.className'), dataIndex: 'className' },
          {
            title: t('exams.score'),
            key: 's',
            render: (_, r) =>
              r.result?.st === 'sat' ? r.result.s : <Tag>{t(`exams.notSat.${r.result?.st ?? 'none'}` as never)}</Tag>,
          },
          { title: t('exams.gradeLetter'), key: 'g', render: (_, r) => r.result?.g ?? '' },
          { title: 'T', key: 't', render: (_, r) => fix(r.result?.t, 1) },
          ...(ranks
            ? [
                {
                  title: t('exams.ranks'),
                  key: 'rk',
                  render: (_: unknown, r: StudentRow) =>
                    r.result?.rk ? `${r.result.rc ?? '—'} / ${r.result.rs} / ${r.result.rk}` : '',
                },
              ]
            : []),
          {
            title: t('exams.flags'),
            key: 'f',
            render: (_, r) => (
              <>
                {r.result?.b?.map((b) => (
                  <Tag key={b} color="gold">
                    {t('exams.borderline', { line: b })}
                  </Tag>
                ))}
                {r.result?.top && <Tag color="green">{t('exams.top')}</Tag>}
                {r.result?.bottom && <Tag color="red">{t('exams.bottom')}</Tag>}
                {r.result?.imb != null && Math.abs(r.result.imb) >= 1 && (
                  <Tag color="purple">
                    {t('exams.imbalance')} {r.result.imb.toFixed(1)}
                  </Tag>
                )}
              </>
            ),
          },
        ]}
      />
      {open !== null && <StudentReport examId={examId} studentId={open} onClose={() => setOpen(null)} />}
    </>
  );
}
