/**
 * 体质健康报告: for a school year and a unit (county, school, class) — 合格率/优良率/优秀率 and BMI shares, the same by
 * grade and sex, by school or class, the weakest items, and the trend across years. Import of results here too.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_INFO } from '../../../common/health/ranges';
import type { ItemKey } from '../../../common/health/standard';
import { GENDERS, GRADE_LEVELS } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { useEnums } from '../../ui/enums';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { useSchoolYears } from '../org/lookups';
import { pct } from './format';
import { type UnitChoice, UnitPicker, unitOf, useSeesCounty } from './UnitPicker';

interface Rates {
  students: number;
  exempt: number;
  unscored: number;
  scored: number;
  passRate: number | null;
  goodRate: number | null;
  excellentRate: number | null;
  failRate: number | null;
  overweightRate: number | null;
  obesityRate: number | null;
}
interface Report {
  schoolYearId: number;
  overall: Rates;
  byGradeSex: (Rates & { gradeLevel: number; sex: 'M' | 'F' })[];
  bySubunit: (Rates & { id: number; name: string })[];
  items: { gradeLevel: number; item: string; scored: number; meanScore: number | null; failRate: number | null }[];
  trend: (Rates & { schoolYearId: number; name: string })[];
}

export function FitnessReportPage() {
  const { t } = useTranslation();
  const user = useUser();
  const seesCounty = useSeesCounty();
  const years = useSchoolYears();
  const [yearId, setYearId] = useState<number | undefined>();
  const [choice, setChoice] = useState<UnitChoice>({ schoolId: null, classId: null });
  const schoolYearId = yearId ?? years.current?.id;
  const unit = unitOf(choice, user.countyId, seesCounty);
  const report = useQuery({
    queryKey: ['list', 'health-fitness-report', unit, schoolYearId],
    queryFn: () => api.get<Report>('/health/fitness/report', { ...unit, schoolYearId }),
    enabled: unit !== null && schoolYearId !== undefined,
  });
  return (
    <Page title={t('health.pages.fitness')} extra={<ImportButton kind="health-fitness" />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={schoolYearId}
          onChange={setYearId}
          options={years.options}
          style={{ minWidth: 140 }}
          placeholder={t('health.unit.schoolYear')}
        />
        <UnitPicker value={choice} onChange={setChoice} schoolYearId={schoolYearId} />
      </Space>
      {report.error && <Alert type="error" title={errorMessage(report.error)} />}
      {report.data && <ReportBody report={report.data} subunit={choice.schoolId ? 'class' : 'school'} />}
    </Page>
  );
}

function ReportBody({ report, subunit }: { report: Report; subunit: 'school' | 'class' }) {
  const { t } = useTranslation();
  const { label } = useEnums();
  const o = report.overall;
  if (o.students === 0) return <Empty description={t('health.report.empty')} />;
  const rateColumns = [
    { title: t('health.rates.students'), dataIndex: 'students' },
    { title: t('health.rates.exempt'), dataIndex: 'exempt' },
    { title: t('health.rates.passRate'), dataIndex: 'passRate', render: pct },
    { title: t('health.rates.goodRate'), dataIndex: 'goodRate', render: pct },
    { title: t('health.rates.excellentRate'), dataIndex: 'excellentRate', render: pct },
    { title: t('health.rates.overweightRate'), dataIndex: 'overweightRate', render: pct },
    { title: t('health.rates.obesityRate'), dataIndex: 'obesityRate', render: pct },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={[16, 16]} data-testid="fitness-summary">
        {(['passRate', 'goodRate', 'excellentRate', 'overweightRate', 'obesityRate'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic
                title={t(`health.rates.${k}`)}
                value={pct(o[k])}
                styles={
                  k === 'passRate' && o.passRate !== null && o.passRate < 0.95
                    ? { content: { color: '#cf1322' } }
                    : undefined
                }
              />
              {k === 'passRate' && <Typography.Text type="secondary">{t('health.rates.target')}</Typography.Text>}
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('health.rates.scored')} value={o.scored} suffix={`/ ${o.students}`} />
          </Card>
        </Col>
      </Row>
      {o.unscored > 0 && <Alert type="warning" title={t('health.report.unscoredNote', { n: o.unscored })} />}
      <Card size="small" title={t('health.report.byGradeSex')}>
        <Table
          size="small"
          pagination={false}
          scroll={{ x: true }}
          rowKey={(r) => `${r.gradeLevel}-${r.sex}`}
          dataSource={report.byGradeSex}
          columns={[
            { title: t('health.report.grade'), dataIndex: 'gradeLevel', render: (v) => label(GRADE_LEVELS, v) },
            { title: t('health.report.sex'), dataIndex: 'sex', render: (v) => label(GENDERS, v) },
            ...rateColumns,
          ]}
        />
      </Card>
      {report.bySubunit.length > 0 && (
        <Card size="small" title={subunit === 'school' ? t('health.report.bySchool') : t('health.report.byClass')}>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey="id"
            dataSource={report.bySubunit}
            data-testid="fitness-subunits"
            columns={[{ title: t(`health.unit.${subunit}`), dataIndex: 'name' }, ...rateColumns]}
          />
        </Card>
      )}
      <Card size="small" title={t('health.report.items')}>
        <Table
          size="small"
          pagination={{ pageSize: 10 }}
          scroll={{ x: true }}
          rowKey={(r) => `${r.gradeLevel}-${r.item}`}
          dataSource={report.items}
          columns={[
            { title: t('health.report.grade'), dataIndex: 'gradeLevel', render: (v) => label(GRADE_LEVELS, v) },
            { title: t('health.report.item'), dataIndex: 'item', render: (v: ItemKey) => ITEM_INFO[v]?.cn ?? v },
            { title: t('health.rates.scored'), dataIndex: 'scored' },
            {
              title: t('health.report.meanScore'),
              dataIndex: 'meanScore',
              render: (v: number | null) => (v == null ? '—' : v.toFixed(1)),
            },
            { title: t('health.report.itemFailRate'), dataIndex: 'failRate', render: pct },
          ]}
        />
      </Card>
      <Card size="small" title={t('health.report.trend')}>
        <Table
          size="small"
          pagination={false}
          rowKey="schoolYearId"
          dataSource={report.trend}
          columns={[{ title: t('health.unit.schoolYear'), dataIndex: 'name' }, ...rateColumns]}
        />
      </Card>
    </Space>
  );
}
