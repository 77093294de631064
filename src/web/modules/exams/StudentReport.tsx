import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { fix, pct } from './format';
import type { Num, StudentResult } from './types';

interface Report {
  student: { id: number; name: string; studentNo: string; className: string | null };
  exam: { name: string };
  ranksVisible: boolean;
  results: Record<string, StudentResult>;
  subjects: {
    key: string;
    name: string;
    fullMarks: number;
    items: {
      label: string;
      fullMarks: number;
      score: Num;
      option: string | null;
      answerKey: string | null;
      knowledgePoint: string | null;
      classP: Num;
      countyP: Num;
    }[];
    knowledge: { name: string; rate: Num }[];
  }[];
}

/**
 * One student's report, private and printable: 等级 and own scores first; ranks only where the county's privacy setting
 * lets the viewer see them (never in grades 1–9 below the bureau by default); items against class and county.
 */
export function StudentReport({
  examId,
  studentId,
  onClose,
}: {
  examId: number;
  studentId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['exams', examId, 'student', studentId],
    queryFn: () => api.get<Report>(`/exams/${examId}/students/${studentId}`),
  });
  const r = q.data;
  return (
    <Drawer
      open
      size="large"
      onClose={onClose}
      title={t('exams.studentReport')}
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('exams.print')}
        </Button>
      }
    >
      {r && (
        <div data-testid="student-report">
          <Descriptions
            size="small"
            column={2}
            items={[
              { label: t('exams.studentName'), children: r.student.name },
              { label: t('exams.studentNo'), children: r.student.studentNo },
              { label: t('exams.className'), children: r.student.className },
              { label: t('exams.name'), children: r.exam.name },
            ]}
          />
          <Table
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            rowKey="key"
            dataSource={Object.entries(r.results).map(([key, v]) => ({
              key,
              name:
                key === 'total'
                  ? t('exams.total')
                  : (r.subjects.find((s) => s.key === key)?.name ?? key.replace(/^g:/, '')),
              ...v,
            }))}
            columns={[
              { title: t('exams.subject'), dataIndex: 'name' },
              {
                title: t('exams.score'),
                key: 's',
                render: (_, v) => (v.st === 'sat' ? v.s : <Tag>{t(`exams.notSat.${v.st}` as never)}</Tag>),
              },
              { title: t('exams.gradeLetter'), dataIndex: 'g' },
              { title: 'T', key: 't', render: (_, v) => fix(v.t, 1) },
              ...(r.ranksVisible
                ? [
                    {
                      title: t('exams.ranks'),
                      key: 'rk',
                      render: (_: unknown, v: StudentResult) => (v.rk ? `${v.rc ?? '—'} / ${v.rs} / ${v.rk}` : ''),
                    },
                  ]
                : []),
            ]}
          />
          {r.subjects
            .filter((s) => s.items.length > 0)
            .map((s) => (
              <div key={s.key} style={{ marginTop: 16 }}>
                <Typography.Title level={5}>{s.name}</Typography.Title>
                {s.knowledge.length > 0 && (
                  <Typography.Paragraph>
                    {t('exams.weakPoints')}：
                    {s.knowledge
                      .filter((k) => (k.rate ?? 1) < 0.6)
                      .map((k) => (
                        <Tag key={k.name} color="red">
                          {k.name} {pct(k.rate)}
                        </Tag>
                      ))}
                  </Typography.Paragraph>
                )}
                <Table
                  size="small"
                  pagination={false}
                  rowKey="label"
                  dataSource={s.items}
                  columns={[
                    { title: t('exams.itemLabel'), dataIndex: 'label' },
                    { title: t('exams.itemFull'), dataIndex: 'fullMarks' },
                    { title: t('exams.yourScore'), dataIndex: 'score' },
                    { title: t('exams.option'), dataIndex: 'option' },
                    { title: t('exams.key'), dataIndex: 'answerKey' },
                    { title: t('exams.knowledge'), dataIndex: 'knowledgePoint' },
                    { title: t('exams.classP'), key: 'c', render: (_, i) => pct(i.classP) },
                    { title: t('exams.countyP'), key: 'k', render: (_, i) => pct(i.countyP) },
                  ]}
                />
              </div>
            ))}
        </div>
      )}
    </Drawer>
  );
}
