import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { fix, pct } from './format';
import type { UnitRow } from './types';

interface PaperAnswer {
  items: {
    position: number;
    label: string;
    fullMarks: number;
    kind: string;
    answerKey: string | null;
    knowledgePoint: string | null;
    abilityLevel: string | null;
  }[];
  county: UnitRow | null;
  schools: UnitRow[];
}

const heat = (x: number | null) => (x == null ? undefined : `hsl(${Math.round(x * 120)}, 70%, 85%)`);

function usePaper(examId: number, keyName: string) {
  return useQuery({
    queryKey: ['exams', examId, 'paper', keyName],
    queryFn: () => api.get<PaperAnswer>(`/exams/${examId}/paper`, { key: keyName }),
  });
}

/** Item analysis (P, D, r, options) and the knowledge-point heat map by school. */
export function ItemsView({ examId, keyName }: { examId: number; keyName: string }) {
  const { t } = useTranslation();
  const q = usePaper(examId, keyName);
  const paper = q.data?.county?.stats.paper;
  if (q.data && !paper) return <Alert type="info" title={t('exams.noItems')} />;
  const kps = q.data?.county?.stats.knowledge?.map((k) => k.name) ?? [];
  const countyItems = q.data?.county?.stats.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Table
        size="small"
        rowKey="label"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={paper?.items.map((it, j) => ({ ...it, options: countyItems[j]?.options }))}
        columns={[
          { title: t('exams.itemLabel'), dataIndex: 'label' },
          { title: t('exams.itemFull'), dataIndex: 'fullMarks' },
          { title: t('exams.knowledge'), dataIndex: 'knowledgePoint' },
          { title: t('exams.p'), key: 'p', render: (_, i) => fix(i.difficulty, 2) },
          { title: t('exams.d'), key: 'd', render: (_, i) => fix(i.upperLowerD, 2) },
          { title: t('exams.r'), key: 'r', render: (_, i) => fix(i.discrimination, 2) },
          { title: t('exams.fullRate'), key: 'fr', render: (_, i) => pct(i.fullRate) },
          { title: t('exams.zeroRate'), key: 'zr', render: (_, i) => pct(i.zeroRate) },
          {
            title: t('exams.optionsCol'),
            key: 'o',
            render: (_, i) =>
              i.options
                ?.map(
                  (s, k) =>
                    `${k === i.options!.length - 1 ? '空' : 'ABCDEFGHIJ'[k]}${k === 'ABCDEFGHIJ'.indexOf(i.answerKey ?? '') ? '✓' : ''} ${pct(s)}`,
                )
                .join('  '),
          },
        ]}
      />
      {kps.length > 0 && (
        <>
          <Typography.Title level={5}>{t('exams.heatmap')}</Typography.Title>
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={[...(q.data?.county ? [q.data.county] : []), ...(q.data?.schools ?? [])].filter(
              (s) => !s.suppressed,
            )}
            columns={[
              { title: t('exams.unit'), dataIndex: 'name', fixed: 'left' },
              ...kps.map((name) => ({
                title: name,
                key: name,
                onCell: (r: UnitRow) => ({
                  style: { background: heat(r.stats.knowledge?.find((k) => k.name === name)?.rate ?? null) },
                }),
                render: (_: unknown, r: UnitRow) => pct(r.stats.knowledge?.find((k) => k.name === name)?.rate),
              })),
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** 命题质量报告: α/SEM, flagged items, and the 细目表's coverage (knowledge point × ability level, in points). */
export function QualityView({ examId, keyName }: { examId: number; keyName: string }) {
  const { t } = useTranslation();
  const q = usePaper(examId, keyName);
  const paper = q.data?.county?.stats.paper;
  if (q.data && !paper) return <Alert type="info" title={t('exams.noItems')} />;
  const items = q.data?.items ?? [];
  const kps = [...new Set(items.map((i) => i.knowledgePoint ?? '—'))];
  const abilities = [...new Set(items.map((i) => i.abilityLevel ?? '—'))];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Descriptions
        size="small"
        items={[
          { label: t('exams.alpha'), children: fix(paper?.alpha, 3) },
          { label: t('exams.sem'), children: fix(paper?.sem, 2) },
          { label: t('exams.sat'), children: paper?.n },
        ]}
      />
      <Table
        size="small"
        rowKey="label"
        pagination={false}
        dataSource={paper?.items.filter((i) => i.flagHard || i.flagEasy || i.flagLowD || i.flagNegativeR)}
        columns={[
          { title: t('exams.itemLabel'), dataIndex: 'label' },
          { title: t('exams.p'), key: 'p', render: (_, i) => fix(i.difficulty, 2) },
          { title: t('exams.d'), key: 'd', render: (_, i) => fix(i.upperLowerD, 2) },
          { title: t('exams.r'), key: 'r', render: (_, i) => fix(i.discrimination, 2) },
          {
            title: t('exams.flagsCol'),
            key: 'f',
            render: (_, i) => (
              <>
                {i.flagHard && <Tag color="red">{t('exams.flagHard')}</Tag>}
                {i.flagEasy && <Tag color="blue">{t('exams.flagEasy')}</Tag>}
                {i.flagLowD && <Tag color="orange">{t('exams.flagLowD')}</Tag>}
                {i.flagNegativeR && <Tag color="magenta">{t('exams.flagNegR')}</Tag>}
              </>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('exams.coverage')}</Typography.Title>
      <Table
        size="small"
        rowKey="kp"
        pagination={false}
        dataSource={kps.map((kp) => ({ kp }))}
        columns={[
          { title: t('exams.knowledge'), dataIndex: 'kp' },
          ...abilities.map((a) => ({
            title: a,
            key: a,
            render: (_: unknown, r: { kp: string }) =>
              items
                .filter((i) => (i.knowledgePoint ?? '—') === r.kp && (i.abilityLevel ?? '—') === a)
                .reduce((s, i) => s + i.fullMarks, 0) || '',
          })),
        ]}
      />
    </Space>
  );
}

/** A school's results across exams (总分 or one subject). */
export function TrendView({ schoolId }: { schoolId: number | undefined }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['exams', 'trend', schoolId],
    queryFn: () =>
      api.get<{
        items: { examId: number; name: string; examDate: string | null; n: number; stats: UnitRow['stats'] }[];
      }>('/exams/trend', { schoolId }),
    enabled: !!schoolId,
  });
  return (
    <Table
      size="small"
      rowKey="examId"
      pagination={false}
      loading={q.isLoading}
      dataSource={q.data?.items}
      title={() => t('exams.trendOf')}
      columns={[
        { title: t('exams.name'), dataIndex: 'name' },
        { title: t('exams.date'), dataIndex: 'examDate' },
        { title: t('exams.sat'), dataIndex: 'n' },
        { title: t('exams.mean'), key: 'm', render: (_, r) => fix(r.stats.mean, 2) },
        { title: t('exams.passRate'), key: 'p', render: (_, r) => pct(r.stats.passRate) },
        { title: t('exams.excellentRate'), key: 'e', render: (_, r) => pct(r.stats.excellentRate) },
        { title: t('exams.tScore'), key: 't', render: (_, r) => fix(r.stats.tScore, 1) },
        { title: t('exams.rank'), key: 'r', render: (_, r) => r.stats.compositeRank ?? '—' },
      ]}
    />
  );
}
