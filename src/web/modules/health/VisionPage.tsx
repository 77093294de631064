/**
 * 视力筛查: the myopia rate of a term for the county, a school or a class — overall, by grade, by school or class —
 * with last year's rate in the same term and the change; and the students to refer (an eye below 5.0).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GRADE_LEVELS } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { DataTable } from '../../ui/DataTable';
import { useEnums } from '../../ui/enums';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { useTerms } from '../org/lookups';
import { pct, points } from './format';
import { type UnitChoice, UnitPicker, unitOf, useSeesCounty } from './UnitPicker';

interface RateRow {
  key: number;
  screened: number;
  myopic: number;
  rate: number | null;
  lastYearRate: number | null;
  change: number | null;
}
interface VisionReport {
  termId: number | null;
  overall: RateRow;
  byGrade: RateRow[];
  bySubunit: (RateRow & { name: string })[];
}
interface Screening {
  id: number;
  studentNo: string;
  studentName: string;
  schoolName: string;
  className: string;
  gradeLevel: number;
  sex: string;
  left: number;
  right: number;
}

export function VisionPage() {
  const { t } = useTranslation();
  const { label } = useEnums();
  const user = useUser();
  const seesCounty = useSeesCounty();
  const terms = useTerms();
  const [termId, setTermId] = useState<number | undefined>();
  const [choice, setChoice] = useState<UnitChoice>({ schoolId: null, classId: null });
  const term = termId ?? terms.current?.id;
  const unit = unitOf(choice, user.countyId, seesCounty);
  const report = useQuery({
    queryKey: ['list', 'health-vision-report', unit, term],
    queryFn: () => api.get<VisionReport>('/health/vision/report', { ...unit, termId: term }),
    enabled: unit !== null && term !== undefined,
  });
  const rateColumns = [
    { title: t('health.vision.screened'), dataIndex: 'screened' },
    { title: t('health.vision.myopic'), dataIndex: 'myopic' },
    { title: t('health.vision.rate'), dataIndex: 'rate', render: pct },
    { title: t('health.vision.lastYear'), dataIndex: 'lastYearRate', render: pct },
    { title: t('health.vision.change'), dataIndex: 'change', render: points },
  ];
  const data = report.data;
  return (
    <Page title={t('health.pages.vision')} extra={<ImportButton kind="health-vision" />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={term}
          onChange={setTermId}
          options={terms.options}
          style={{ minWidth: 200 }}
          placeholder={t('health.unit.term')}
        />
        <UnitPicker value={choice} onChange={setChoice} schoolYearId={terms.yearOf(term)} />
      </Space>
      {report.error && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {data && data.overall.screened === 0 && <Empty description={t('health.vision.empty')} />}
      {data && data.overall.screened > 0 && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Row gutter={[16, 16]} data-testid="vision-summary">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('health.vision.rate')} value={pct(data.overall.rate)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('health.vision.lastYear')} value={pct(data.overall.lastYearRate)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('health.vision.change')} value={points(data.overall.change)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('health.vision.screened')} value={data.overall.screened} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('health.vision.byGrade')}>
            <Table
              size="small"
              pagination={false}
              scroll={{ x: true }}
              rowKey="key"
              dataSource={data.byGrade}
              columns={[
                { title: t('health.report.grade'), dataIndex: 'key', render: (v) => label(GRADE_LEVELS, v) },
                ...rateColumns,
              ]}
            />
          </Card>
          {data.bySubunit.length > 0 && (
            <Card size="small" title={choice.schoolId ? t('health.report.byClass') : t('health.report.bySchool')}>
              <Table
                size="small"
                pagination={false}
                scroll={{ x: true }}
                rowKey="key"
                dataSource={data.bySubunit}
                columns={[{ title: '', dataIndex: 'name' }, ...rateColumns]}
              />
            </Card>
          )}
        </Space>
      )}
      {term !== undefined && (
        <Card size="small" title={t('health.vision.referrals')} style={{ marginTop: 16 }}>
          <DataTable<Screening>
            endpoint="/health/vision/screenings"
            stateKey="refer"
            searchable={false}
            fixedParams={{
              refer: true,
              termId: term,
              schoolId: choice.schoolId ?? undefined,
              classId: choice.classId ?? undefined,
            }}
            columns={[
              { title: t('fields.studentNo'), dataIndex: 'studentNo' },
              { title: t('fields.personName'), dataIndex: 'studentName' },
              { title: t('fields.school'), dataIndex: 'schoolName' },
              { title: t('fields.class'), dataIndex: 'className' },
              { title: t('fields.gender'), dataIndex: 'sex', render: (v) => label(GENDERS, v) },
              { title: t('health.vision.left'), dataIndex: 'left' },
              { title: t('health.vision.right'), dataIndex: 'right' },
            ]}
          />
        </Card>
      )}
    </Page>
  );
}
