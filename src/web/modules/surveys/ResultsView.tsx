import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Segmented, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { type CampaignResults, type Cell, type GroupResult, num, numCi, pct, pctCi, type RankedSchool } from './api';

/**
 * Results of a campaign: per group (county, 学区, school, class) the overall satisfaction rate with its interval,
 * the 不了解 share, the 0–100 index with its interval, and the same per dimension; the school ranking (top and
 * bottom N), change since the previous round; or the priorities (importance × performance). Suppressed groups
 * show no number at all.
 */
export function ResultsView({ id, part }: { id: number; part: 'results' | 'drivers' }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<GroupResult['level']>('school');
  const { message } = App.useApp();
  const can = useCan();
  const q = useQuery({
    queryKey: ['surveys', 'results', id],
    queryFn: () => api.get<CampaignResults>(`/surveys/campaigns/${id}/results`),
  });
  const r = q.data;
  if (q.error) return <Alert type="error" message={errorMessage(q.error)} />;
  if (!r) return <Spin style={{ display: 'block', margin: 40 }} />;
  const hidden = <Typography.Text type="secondary">{t('surveys.hints.suppressed')}</Typography.Text>;
  const show = (c: Cell | undefined, f: (c: Extract<Cell, { suppressed: false }>) => string) =>
    !c || c.suppressed ? hidden : f(c);

  if (part === 'drivers') {
    return (
      <>
        <Alert type="info" showIcon message={t('surveys.hints.driversHelp')} style={{ marginBottom: 12 }} />
        <Table
          rowKey="dimension"
          size="small"
          pagination={false}
          dataSource={r.drivers}
          columns={[
            { title: t('surveys.fields.dimension'), dataIndex: 'dimension' },
            {
              title: t('surveys.fields.importance'),
              render: (_, d) => (d.suppressed ? hidden : d.importance === null ? '—' : d.importance.toFixed(2)),
            },
            { title: t('surveys.fields.performance'), render: (_, d) => (d.suppressed ? hidden : num(d.performance)) },
            {
              title: t('surveys.fields.quadrant'),
              render: (_, d) =>
                !d.suppressed && d.quadrant ? (
                  <Tag color={d.quadrant === 'priority' ? 'red' : d.quadrant === 'strength' ? 'green' : undefined}>
                    {t(`surveys.quadrants.${d.quadrant as 'priority'}`)}
                  </Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </>
    );
  }

  const rows = r.groups.filter((g) => g.level === level);
  // One click: the school's weakest published dimension (lowest index) becomes an item of its 问题清单.
  const raise = async (g: GroupResult) => {
    const weakest = r.dimensions
      .map((d) => ({ d, c: g.dimensions[d] }))
      .filter(
        (x): x is { d: string; c: Extract<Cell, { suppressed: false }> } =>
          !!x.c && !x.c.suppressed && x.c.index !== null,
      )
      .sort((a, b) => (a.c.index ?? 0) - (b.c.index ?? 0))[0];
    if (!weakest) return;
    try {
      await api.post('/surveys/ledger/problem', {
        schoolId: Number(g.id.slice(1)),
        title: `${weakest.d}满意度偏低（指数 ${num(weakest.c.index)}${weakest.c.rate !== null ? `，满意率 ${pct(weakest.c.rate)}` : ''}）`,
        campaignId: r.campaign.id,
        dimension: weakest.d,
      });
      message.success(t('surveys.ledger.raised'));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const rateOf = (x: RankedSchool) => (r.ranking.measure === 'rate' ? pct(x.value) : num(x.value));
  const rankTable = (data: RankedSchool[], key: 'rank' | 'bottomRank') => (
    <Table
      rowKey="schoolId"
      size="small"
      pagination={false}
      dataSource={data}
      columns={[
        { title: t('surveys.fields.rank'), dataIndex: key },
        { title: t('surveys.fields.school'), dataIndex: 'name' },
        { title: t('surveys.fields.rate'), render: (_, x) => rateOf(x) },
        { title: t('surveys.fields.ci'), render: (_, x) => (r.ranking.measure === 'rate' ? pctCi(x.ci) : numCi(x.ci)) },
      ]}
    />
  );
  return (
    <>
      {r.groups.every((g) => g.suppressed) && (
        <Alert type="info" message={t('surveys.hints.noResults')} style={{ marginBottom: 12 }} />
      )}
      <Segmented
        value={level}
        onChange={(v) => setLevel(v as GroupResult['level'])}
        options={(['county', 'region', 'school', 'class'] as const)
          .filter((l) => r.groups.some((g) => g.level === l))
          .map((l) => ({ value: l, label: t(`surveys.levels.${l}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Table<GroupResult>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        scroll={{ x: true }}
        columns={[
          { title: t('surveys.fields.name'), dataIndex: 'name', fixed: 'left' },
          {
            title: t('surveys.fields.respondents'),
            dataIndex: 'respondents',
            render: (v: number | null) => v ?? hidden,
          },
          { title: t('surveys.fields.rate'), render: (_, g) => show(g.overall, (c) => pct(c.rate)) },
          { title: t('surveys.fields.ci'), render: (_, g) => show(g.overall, (c) => pctCi(c.rateCi)) },
          { title: t('surveys.fields.unknown'), render: (_, g) => show(g.overall, (c) => pct(c.unknownShare)) },
          {
            title: t('surveys.fields.index'),
            render: (_, g) => show(g.overall, (c) => `${num(c.index)}（${numCi(c.indexCi)}）`),
          },
          ...r.dimensions.map((d) => ({
            title: d,
            render: (_: unknown, g: GroupResult) =>
              show(g.dimensions[d], (c) => (c.rate !== null ? `${pct(c.rate)} · ${num(c.index)}` : num(c.index))),
          })),
          ...(level === 'school'
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, g: GroupResult) =>
                    !g.suppressed &&
                    can.school(Number(g.id.slice(1))) && (
                      <Button size="small" onClick={() => raise(g)}>
                        {t('surveys.ledger.raise')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {r.ranking.all.length > 0 && (
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col xs={24} md={12}>
            <Card size="small" title={`${t('surveys.hints.rankingOf')} · ${t('surveys.hints.top', { n: 10 })}`}>
              {rankTable(r.ranking.top, 'rank')}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('surveys.hints.bottom', { n: 10 })}>
              {rankTable(r.ranking.bottom, 'bottomRank')}
            </Card>
          </Col>
        </Row>
      )}
      {r.changes.some((c) => c.change) && (
        <Card size="small" title={t('surveys.fields.change')} style={{ marginTop: 12 }}>
          <Table
            rowKey="schoolId"
            size="small"
            pagination={false}
            dataSource={r.changes.filter((c) => c.change)}
            columns={[
              { title: t('surveys.fields.school'), dataIndex: 'name' },
              {
                title: t('surveys.fields.change'),
                render: (_, c) => {
                  const ch = c.change!;
                  const f = r.ranking.measure === 'rate' ? pct : num;
                  const d =
                    r.ranking.measure === 'rate'
                      ? `${(ch.difference * 100).toFixed(1)} 个百分点`
                      : ch.difference.toFixed(1);
                  return `${f(ch.previous)} → ${f(ch.current)}（${ch.difference >= 0 ? '+' : ''}${d}${ch.overlap === false ? '，区间不重叠' : ''}）`;
                },
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
