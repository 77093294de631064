import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fix, pct } from './format';
import type { Basis, UnitRow } from './types';

export type Drill = 'excellent' | 'good' | 'pass' | 'low' | 'all';

/** A header with its 口径: the formula and the cut scores of this exam, in a tooltip. */
function Head({ label, tip }: { label: string; tip: ReactNode }) {
  return (
    <Tooltip title={tip}>
      <span>
        {label} <QuestionCircleOutlined style={{ color: '#999' }} />
      </span>
    </Tooltip>
  );
}

/**
 * Units (schools, classes, teachers…) of one measure: counts, mean, rates, T, 综合得分 with rank, VA with its interval.
 * The name opens the unit; a rate opens the student rows behind it (the same cut the rate used).
 */
export function UnitTable({
  rows,
  basis,
  keyName,
  minGroup,
  onOpen,
  onDrill,
  testId,
  showVa = true,
}: {
  rows: UnitRow[];
  basis: Basis | null;
  keyName: string;
  minGroup: number;
  onOpen?: (row: UnitRow) => void;
  onDrill?: (row: UnitRow, filter: Drill) => void;
  testId?: string;
  showVa?: boolean;
}) {
  const { t } = useTranslation();
  const cuts = basis?.keys[keyName]?.cuts;
  const cutsText = cuts
    ? t('exams.cutsText', {
        excellent: cuts.excellent ?? '—',
        good: cuts.good ?? '—',
        pass: cuts.pass ?? '—',
        low: cuts.low ?? '—',
      })
    : '';
  const rate = (key: 'excellentRate' | 'goodRate' | 'passRate' | 'lowRate', filter: Drill) => ({
    title: (
      <Head
        label={t(`exams.${key}`)}
        tip={
          <>
            {key === 'lowRate' ? t('exams.formula.low') : t('exams.formula.rate', { name: t(`exams.${key}`) })}
            <br />
            {cutsText}
            <br />
            {t('exams.basisText')}
          </>
        }
      />
    ),
    key,
    render: (_: unknown, r: UnitRow) =>
      r.suppressed ? null : onDrill ? (
        <Typography.Link onClick={() => onDrill(r, filter)} data-testid={`drill-${filter}-${r.unitId}`}>
          {pct(r.stats[key])}
        </Typography.Link>
      ) : (
        pct(r.stats[key])
      ),
  });
  const columns: ColumnsType<UnitRow> = [
    {
      title: t('exams.unit'),
      key: 'name',
      fixed: 'left',
      render: (_, r) => (
        <>
          {onOpen && !r.suppressed ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => onOpen(r)}
              data-testid={`unit-${r.unitId}`}
            >
              {r.name}
            </Button>
          ) : (
            r.name
          )}
          {(r as UnitRow & { isWeak?: boolean }).isWeak && (
            <Tag color="orange" style={{ marginLeft: 4 }}>
              {t('exams.weak')}
            </Tag>
          )}
          {r.suppressed && (
            <Typography.Text type="secondary"> {t('exams.suppressed', { n: minGroup })}</Typography.Text>
          )}
        </>
      ),
    },
    { title: t('exams.expected'), key: 'expected', render: (_, r) => r.stats.expected },
    { title: t('exams.sat'), key: 'n', render: (_, r) => (r.suppressed ? null : r.stats.n) },
    {
      title: t('exams.absent'),
      key: 'absent',
      render: (_, r) =>
        r.suppressed ? null : onDrill ? (
          <Typography.Link onClick={() => onDrill(r, 'notSat' as Drill)}>{r.stats.absent}</Typography.Link>
        ) : (
          r.stats.absent
        ),
    },
    {
      title: <Head label={t('exams.mean')} tip={`${t('exams.formula.mean')}；${t('exams.basisText')}`} />,
      key: 'mean',
      render: (_, r) =>
        r.suppressed ? null : onDrill ? (
          <Typography.Link onClick={() => onDrill(r, 'all')} data-testid={`drill-all-${r.unitId}`}>
            {fix(r.stats.mean, 2)}
          </Typography.Link>
        ) : (
          fix(r.stats.mean, 2)
        ),
    },
    {
      title: <Head label={t('exams.scoreRate')} tip={t('exams.formula.scoreRate')} />,
      key: 'sr',
      render: (_, r) => pct(r.stats.scoreRate),
    },
    { title: t('exams.sd'), key: 'sd', render: (_, r) => fix(r.stats.sd, 2) },
    rate('excellentRate', 'excellent'),
    rate('goodRate', 'good'),
    rate('passRate', 'pass'),
    rate('lowRate', 'low'),
    {
      title: <Head label={t('exams.overMean')} tip={t('exams.formula.overMean')} />,
      key: 'om',
      render: (_, r) => pct(r.stats.overMean),
    },
    {
      title: <Head label={t('exams.tScore')} tip={t('exams.formula.tScore')} />,
      key: 't',
      render: (_, r) => fix(r.stats.tScore, 1),
    },
    {
      title: <Head label={t('exams.composite')} tip={t('exams.formula.composite')} />,
      key: 'c',
      render: (_, r) => (r.stats.composite == null ? '—' : (r.stats.composite * 100).toFixed(1)),
    },
    { title: t('exams.rank'), key: 'rank', render: (_, r) => r.stats.compositeRank ?? '—' },
  ];
  if (showVa)
    columns.push({
      title: <Head label={t('exams.va')} tip={t('exams.formula.va')} />,
      key: 'va',
      render: (_, r) => {
        const v = r.stats.va;
        if (!v || v.va == null) return '—';
        return (
          <Tag color={v.notDifferent ? 'default' : v.va > 0 ? 'green' : 'red'}>
            {v.va.toFixed(2)} [{fix(v.ciLow, 2)}, {fix(v.ciHigh, 2)}] n={v.n}
          </Tag>
        );
      },
    });
  return (
    <Table<UnitRow>
      rowKey={(r) => `${r.unitKind}-${r.unitId}`}
      size="small"
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 1300 }}
      data-testid={testId}
    />
  );
}

/** 分数段 of one unit (from the top; the top band holds full marks) and its 上线 counts per line. */
export function BandsAndLines({ row }: { row: UnitRow | undefined }) {
  const { t } = useTranslation();
  if (!row || row.suppressed) return null;
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="lower"
        title={() => t('exams.bands')}
        dataSource={row.stats.bands ?? []}
        scroll={{ x: 600 }}
        columns={[
          {
            title: t('exams.band'),
            key: 'b',
            render: (_, b) =>
              b.upper === row.stats.bands?.[0]?.upper ? `[${b.lower}, ${b.upper}]` : `[${b.lower}, ${b.upper})`,
          },
          { title: t('exams.students'), dataIndex: 'count' },
          { title: t('exams.cumulative'), dataIndex: 'cumulative' },
          { title: '%', key: 's', render: (_, b) => pct(b.share) },
          { title: t('exams.cumulativeShare'), key: 'c', render: (_, b) => pct(b.cumulativeShare) },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="name"
        title={() => t('exams.lines')}
        dataSource={row.stats.lines ?? []}
        columns={[
          { title: t('exams.line'), dataIndex: 'name' },
          { title: t('exams.cut'), key: 'c', render: (_, l) => fix(l.cut, 1) },
          { title: t('exams.students'), dataIndex: 'count' },
          { title: '%', key: 'r', render: (_, l) => pct(l.rate) },
        ]}
      />
    </>
  );
}
