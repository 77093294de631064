/**
 * 成绩明细 and 补测名单: the fitness results of a school year in the caller's scope (a teacher their classes, a
 * principal the school), one row per student with BMI, 标准分, 附加分, 学年总分, 等级 and 毕业成绩; the 补测 list keeps
 * the students below 及格 (等级 不及格) with the items they scored below 60 — to retest once this year (rules.json
 * 补测) — and exports them to Excel (audited on the server).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GRADE_LEVELS } from '../../../common/org/enums';
import { errorMessage, type Query } from '../../app/api';
import { DataTable } from '../../ui/DataTable';
import { downloadFile } from '../../ui/download';
import { useEnums } from '../../ui/enums';
import { Page } from '../../ui/Page';
import { schoolAndClassFilters, useSchoolYears } from '../org/lookups';

interface ResultRow {
  id: number;
  studentNo: string;
  studentName: string;
  schoolName: string;
  className: string;
  gradeLevel: number;
  sex: string;
  exempt: boolean;
  bmi: number | null;
  bmiCategory: string | null;
  standardScore: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
  graduationScore: number | null;
  notes: string[];
  weakItems: string;
}

export function RetestsPage() {
  return <FitnessResults retestOnly />;
}

export function FitnessResultsPage() {
  return <FitnessResults retestOnly={false} />;
}

const dash = (v: unknown) => (v == null ? '—' : String(v));

function FitnessResults({ retestOnly }: { retestOnly: boolean }) {
  const { t } = useTranslation();
  const { label, options } = useEnums();
  const { message } = App.useApp();
  const years = useSchoolYears();
  const [busy, setBusy] = useState(false);
  const exportList = async (params: Query) => {
    setBusy(true);
    try {
      const { page: _p, pageSize: _s, q: _q, sort: _o, order: _d, retest: _r, ...filters } = params;
      await downloadFile('/health/fitness/retests/export', filters, '体质健康补测名单.xlsx');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={retestOnly ? t('health.pages.retests') : t('health.pages.results')}>
      <DataTable<ResultRow>
        endpoint="/health/fitness/results"
        fixedParams={retestOnly ? { retest: true } : undefined}
        searchable={false}
        ready={years.settled}
        filters={[
          {
            kind: 'select',
            name: 'schoolYearId',
            label: t('health.unit.schoolYear'),
            options: years.options,
            defaultValue: years.current ? String(years.current.id) : undefined,
            width: 140,
          },
          ...schoolAndClassFilters({ school: t('fields.school'), class: t('fields.class') }, years.current?.id),
          { kind: 'select', name: 'gradeLevel', label: t('fields.grade'), options: options(GRADE_LEVELS), width: 120 },
        ]}
        toolbar={(params) =>
          retestOnly && (
            <Button
              icon={<DownloadOutlined />}
              loading={busy}
              onClick={() => void exportList(params)}
              data-testid="retests-export"
            >
              {t('health.retests.export')}
            </Button>
          )
        }
        columns={[
          { title: t('fields.studentNo'), dataIndex: 'studentNo', key: 'studentNo', sorter: true },
          { title: t('fields.personName'), dataIndex: 'studentName' },
          { title: t('fields.school'), dataIndex: 'schoolName' },
          { title: t('fields.class'), dataIndex: 'className' },
          { title: t('fields.grade'), dataIndex: 'gradeLevel', render: (v) => label(GRADE_LEVELS, v) },
          { title: t('fields.gender'), dataIndex: 'sex', render: (v) => label(GENDERS, v) },
          ...(retestOnly
            ? []
            : [
                {
                  title: 'BMI',
                  dataIndex: 'bmi',
                  render: (v: number | null, r: ResultRow) => (v == null ? '—' : `${v} ${r.bmiCategory ?? ''}`),
                },
                { title: t('health.results.standardScore'), dataIndex: 'standardScore', render: dash },
                { title: t('health.results.bonus'), dataIndex: 'bonus', render: dash },
              ]),
          {
            title: t('health.retests.total'),
            dataIndex: 'total',
            key: 'total',
            sorter: true,
            render: (v: number | null, r: ResultRow) =>
              r.exempt ? (
                <Tag>{t('health.rates.exempt')}</Tag>
              ) : v == null ? (
                <Tooltip title={r.notes.join('；')}>
                  <Tag color="orange">{t('health.rates.unscored')}</Tag>
                </Tooltip>
              ) : (
                v
              ),
          },
          ...(retestOnly
            ? [{ title: t('health.retests.weakItems'), dataIndex: 'weakItems' }]
            : [
                { title: t('health.results.grade'), dataIndex: 'grade', render: dash },
                { title: t('health.results.graduation'), dataIndex: 'graduationScore', render: dash },
              ]),
        ]}
      />
    </Page>
  );
}
