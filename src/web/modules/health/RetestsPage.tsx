/**
 * 补测名单: students whose 学年总分 is below 及格 (等级 不及格) in a school year, in the caller's scope, with the items
 * they scored below 60 — to retest once this year (rules.json 补测). Excel export (audited on the server).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GRADE_LEVELS } from '../../../common/org/enums';
import { errorMessage, type Query } from '../../app/api';
import { DataTable } from '../../ui/DataTable';
import { downloadFile } from '../../ui/download';
import { useEnums } from '../../ui/enums';
import { Page } from '../../ui/Page';
import { schoolAndClassFilters, useSchoolYears } from '../org/lookups';

interface RetestRow {
  id: number;
  studentNo: string;
  studentName: string;
  schoolName: string;
  className: string;
  gradeLevel: number;
  sex: string;
  total: number;
  weakItems: string;
}

export function RetestsPage() {
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
    <Page title={t('health.pages.retests')}>
      <DataTable<RetestRow>
        endpoint="/health/fitness/results"
        fixedParams={{ retest: true }}
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
        toolbar={(params) => (
          <Button
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => void exportList(params)}
            data-testid="retests-export"
          >
            {t('health.retests.export')}
          </Button>
        )}
        columns={[
          { title: t('fields.studentNo'), dataIndex: 'studentNo', key: 'studentNo', sorter: true },
          { title: t('fields.personName'), dataIndex: 'studentName' },
          { title: t('fields.school'), dataIndex: 'schoolName' },
          { title: t('fields.class'), dataIndex: 'className' },
          { title: t('fields.grade'), dataIndex: 'gradeLevel', render: (v) => label(GRADE_LEVELS, v) },
          { title: t('fields.gender'), dataIndex: 'sex', render: (v) => label(GENDERS, v) },
          { title: t('health.retests.total'), dataIndex: 'total', key: 'total', sorter: true },
          { title: t('health.retests.weakItems'), dataIndex: 'weakItems' },
        ]}
      />
    </Page>
  );
}
