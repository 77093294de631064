import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { GRADE_LEVELS } from '../../../common/org/enums';
import { api } from '../../app/api';
import { downloadFile } from '../../ui/download';
import { useEnums } from '../../ui/enums';
import { Page } from '../../ui/Page';
import { ItemsView, QualityView, TrendView } from './ItemsView';
import { type Filter, StudentList } from './StudentList';
import type { Exam, ResultsAnswer, UnitRow } from './types';
import { BandsAndLines, type Drill, UnitTable } from './UnitTable';

function useResults(
  examId: number,
  unitKind: string,
  key: string,
  extra: Record<string, number | undefined> = {},
  enabled = true,
) {
  return useQuery({
    queryKey: ['exams', examId, 'results', unitKind, key, extra],
    queryFn: () => api.get<ResultsAnswer>(`/exams/${examId}/results`, { unitKind, key, ...extra }),
    enabled,
  });
}

/** One exam's reports: county overview → school → class → students, items, paper quality, lists, trend. */
export function ExamReport({ examId }: { examId: number }) {
  const { t } = useTranslation();
  const { label } = useEnums();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const exam = useQuery({
    queryKey: ['exams', 'one', examId],
    queryFn: () => api.get<Exam>(`/exams/${examId}`),
    refetchInterval: (q) => (['queued', 'running'].includes(q.state.data?.analysisStatus ?? '') ? 2000 : false),
  });
  const e = exam.data;
  // 总分 exists with two or more subjects in it; otherwise the report opens on the first subject.
  const hasTotal = (e?.subjects.filter((s) => s.inTotal).length ?? 0) > 1;
  const key = params.get('key') ?? (hasTotal || !e ? 'total' : String(e.subjects[0]?.id));
  const schoolId = Number(params.get('school')) || undefined;
  const classId = Number(params.get('class')) || undefined;
  const filter = (params.get('filter') ?? 'all') as Filter;
  const set = (next: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) p.delete(k);
      else p.set(k, String(v));
    }
    setParams(p);
  };
  const county = useResults(examId, 'county', key, {}, !!e?.computedAt);
  const schools = useResults(examId, 'school', key, {}, !!e?.computedAt);
  const classes = useResults(examId, 'class', key, { schoolId }, !!e?.computedAt && !!schoolId);
  const teachers = useResults(examId, 'teacher', key, { schoolId }, !!e?.computedAt && !!schoolId && key !== 'total');
  const classRow = useResults(examId, 'class', key, { unitId: classId }, !!e?.computedAt && !!classId);
  if (!e) return <Spin />;

  const keys = [
    ...(hasTotal ? [{ value: 'total', label: t('exams.total') }] : []),
    ...e.subjects.map((s) => ({ value: String(s.id), label: s.name })),
    ...[...new Set(e.subjects.map((s) => s.groupName).filter(Boolean))].map((g) => ({
      value: `g:${g}`,
      label: g as string,
    })),
  ];
  const basis = county.data?.basis ?? null;
  const minGroup = county.data?.minGroup ?? 5;
  const drill = (row: UnitRow, f: Drill) =>
    set({
      tab: 'lists',
      filter: f,
      school:
        row.unitKind === 'school' ? row.unitId : row.unitKind === 'class' ? (row.schoolId ?? undefined) : undefined,
      class: row.unitKind === 'class' ? row.unitId : undefined,
    });
  const schoolOptions = (schools.data?.items ?? []).map((s) => ({ value: s.unitId, label: s.name }));
  const exportUnits = (unitKind: string, extra: Record<string, number | undefined> = {}) =>
    void downloadFile(`/exams/${examId}/export`, { view: 'units', unitKind, key, ...extra }, 'report.xlsx');

  const analysed = !!e.computedAt;
  return (
    <Page
      title={
        <Space>
          <Link to="/exams">{t('exams.back')}</Link>
          <span data-testid="exam-title">{e.name}</span>
        </Space>
      }
      extra={
        <Space>
          <Select
            value={key}
            options={keys}
            onChange={(k) => set({ key: k })}
            style={{ width: 140 }}
            data-testid="exam-key"
          />
          {e.mayManage && (
            <Button onClick={() => void api.post(`/exams/${examId}/analyse`).then(() => exam.refetch())}>
              {t('exams.analyse')}
            </Button>
          )}
          {e.mayManage && (
            <Button onClick={() => void downloadFile(`/exams/${examId}/export`, { view: 'raw' }, 'raw.xlsx')}>
              {t('exams.exportRaw')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        items={[
          { label: t('exams.kind'), children: t(`exams.kinds.${e.kind}` as never) },
          { label: t('exams.term'), children: e.termName },
          { label: t('exams.grade'), children: label(GRADE_LEVELS, e.gradeLevel) },
          {
            label: t('exams.status'),
            children: (
              <Tag data-testid="exam-analysis-status">{t(`exams.analysisStatus.${e.analysisStatus}` as never)}</Tag>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('exams.basis')}：{t('exams.basisText')}{' '}
        {e.computedAt && `${t('exams.computedAt')} ${new Date(e.computedAt).toLocaleString()}`}
      </Typography.Paragraph>
      {!analysed && (
        <Alert
          type="info"
          showIcon
          title={['queued', 'running'].includes(e.analysisStatus) ? t('exams.running') : t('exams.noAnalysis')}
        />
      )}
      {e.analysisStatus === 'failed' && <Alert type="error" showIcon title={e.analysisMessage} />}
      {analysed && (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k })}
          items={[
            {
              key: 'overview',
              label: t('exams.tabs.overview'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Button onClick={() => exportUnits('school')} data-testid="export-overview">
                      {t('exams.export')}
                    </Button>
                    <Button onClick={() => void downloadFile(`/exams/${examId}/report`, {}, 'report.docx')}>
                      {t('exams.word')}
                    </Button>
                  </Space>
                  <UnitTable
                    rows={[...(county.data?.items ?? []), ...(schools.data?.items ?? [])]}
                    basis={basis}
                    keyName={key}
                    minGroup={minGroup}
                    testId="overview-table"
                    onOpen={(r) =>
                      r.unitKind === 'school' && set({ tab: 'school', school: r.unitId, class: undefined })
                    }
                    onDrill={drill}
                  />
                  <BandsAndLines row={county.data?.items[0]} />
                </Space>
              ),
            },
            {
              key: 'school',
              label: t('exams.tabs.school'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Select
                      placeholder={t('exams.chooseSchool')}
                      value={schoolId}
                      options={schoolOptions}
                      onChange={(s) => set({ school: s, class: undefined })}
                      style={{ width: 240 }}
                      showSearch
                      optionFilterProp="label"
                    />
                    {schoolId && (
                      <Button onClick={() => exportUnits('class', { schoolId })}>{t('exams.export')}</Button>
                    )}
                    {schoolId && (
                      <Button onClick={() => void downloadFile(`/exams/${examId}/report`, { schoolId }, 'report.docx')}>
                        {t('exams.word')}
                      </Button>
                    )}
                  </Space>
                  {schoolId && (
                    <>
                      <Typography.Title level={5}>{t('exams.classes')}</Typography.Title>
                      <UnitTable
                        rows={[
                          ...(county.data?.items ?? []),
                          ...(schools.data?.items.filter((s) => s.unitId === schoolId) ?? []),
                          ...(classes.data?.items ?? []),
                        ]}
                        basis={basis}
                        keyName={key}
                        minGroup={minGroup}
                        testId="school-table"
                        onOpen={(r) => r.unitKind === 'class' && set({ tab: 'class', class: r.unitId })}
                        onDrill={drill}
                      />
                      {key !== 'total' && (teachers.data?.items.length ?? 0) > 0 && (
                        <>
                          <Typography.Title level={5}>{t('exams.teachers')}</Typography.Title>
                          <UnitTable
                            rows={teachers.data?.items ?? []}
                            basis={basis}
                            keyName={key}
                            minGroup={minGroup}
                            showVa={false}
                          />
                        </>
                      )}
                    </>
                  )}
                </Space>
              ),
            },
            {
              key: 'class',
              label: t('exams.tabs.class'),
              children: classId ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <UnitTable
                    rows={classRow.data?.items ?? []}
                    basis={basis}
                    keyName={key}
                    minGroup={minGroup}
                    testId="class-table"
                  />
                  <StudentList
                    examId={examId}
                    keyName={key}
                    classId={classId}
                    filter={filter}
                    onFilter={(f) => set({ filter: f })}
                  />
                </Space>
              ) : (
                <Alert type="info" title={t('exams.chooseClass')} />
              ),
            },
            { key: 'items', label: t('exams.tabs.items'), children: <ItemsView examId={examId} keyName={key} /> },
            { key: 'quality', label: t('exams.tabs.quality'), children: <QualityView examId={examId} keyName={key} /> },
            {
              key: 'lists',
              label: t('exams.tabs.lists'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Select
                    allowClear
                    placeholder={t('exams.chooseSchool')}
                    value={schoolId}
                    options={schoolOptions}
                    onChange={(s) => set({ school: s, class: undefined })}
                    style={{ width: 240 }}
                  />
                  <StudentList
                    examId={examId}
                    keyName={key}
                    schoolId={schoolId}
                    classId={classId}
                    filter={filter}
                    onFilter={(f) => set({ filter: f })}
                  />
                </Space>
              ),
            },
            {
              key: 'trend',
              label: t('exams.tabs.trend'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Select
                    placeholder={t('exams.chooseSchool')}
                    value={schoolId}
                    options={schoolOptions}
                    onChange={(s) => set({ school: s })}
                    style={{ width: 240 }}
                  />
                  <TrendView schoolId={schoolId} />
                </Space>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
