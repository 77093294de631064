import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import { downloadFile } from '../../ui/download';
import { BASE, type PlanView, useIsBureau } from './data';

type Style = 'topical' | 'pdca' | 'mirror';
interface Sections {
  style: Style;
  sections: { key: string; title: string; body: string }[];
}
interface Ranked {
  rank: number;
  name: string;
  due: number;
  doneOnTime: number;
  overdue: number;
  rate: number;
}

/** 总结 (three styles, an editable narrative per section kept between regenerations) and the 进展通报 ranking. */
export function SummaryTab({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bureau = useIsBureau();
  const [style, setStyle] = useState<Style>(view.plan.summaryStyle);
  const texts = useQuery({
    queryKey: ['indicators', 'summary', view.plan.id, style],
    queryFn: () => api.get<Sections>(`${BASE}/plans/${view.plan.id}/summary-texts`, { style }),
  });
  const [span, setSpan] = useState<{ from?: string; to?: string }>({});
  const bulletin = useQuery({
    queryKey: ['indicators', 'bulletin', view.plan.id, span],
    queryFn: () =>
      api.get<{ asOf: string; ranked: Ranked[]; nothingDue: string[] }>(`${BASE}/plans/${view.plan.id}/bulletin`, span),
  });
  const [exporting, setExporting] = useState(false);
  const download = async (path: string, name: string, query = {}) => {
    setExporting(true);
    try {
      await downloadFile(path, query, name);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('indicators.summary.title')}
        extra={
          <Space wrap>
            <Select<Style>
              value={style}
              onChange={setStyle}
              style={{ width: 180 }}
              options={(['mirror', 'pdca', 'topical'] as const).map((s) => ({
                value: s,
                label: t(`indicators.summary.styles.${s}`),
              }))}
            />
            <Button
              type="primary"
              loading={exporting}
              onClick={() =>
                download(`${BASE}/plans/${view.plan.id}/summary.docx`, `${view.plan.title}工作总结.docx`, { style })
              }
              data-testid="export-summary"
            >
              {t('indicators.summary.export')}
            </Button>
          </Space>
        }
      >
        <p>{t('indicators.summary.help')}</p>
        {(texts.data?.sections ?? []).map((s) => (
          <SectionEditor key={`${style}-${s.key}`} planId={view.plan.id} section={s} editable={view.mayEdit} />
        ))}
      </Card>
      <Card
        size="small"
        title={t('indicators.summary.bulletin', { date: bulletin.data?.asOf ?? '' })}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              onChange={(r) => setSpan({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
            {bureau && (
              <Button
                loading={exporting}
                onClick={() =>
                  download(`${BASE}/plans/${view.plan.id}/bulletin.docx`, `${view.plan.title}进展通报.docx`, span)
                }
              >
                {t('indicators.summary.exportBulletin')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Ranked>
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={bulletin.data?.ranked ?? []}
          columns={[
            { title: t('indicators.summary.rank'), dataIndex: 'rank', width: 70 },
            { title: t('indicators.fields.units'), dataIndex: 'name' },
            { title: t('indicators.summary.due'), dataIndex: 'due' },
            { title: t('indicators.summary.onTime'), dataIndex: 'doneOnTime' },
            { title: t('indicators.summary.overdue'), dataIndex: 'overdue' },
            {
              title: t('indicators.summary.rate'),
              dataIndex: 'rate',
              render: (v: number) => `${Math.round(v * 1000) / 10}%`,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function SectionEditor({
  planId,
  section,
  editable,
}: {
  planId: number;
  section: { key: string; title: string; body: string };
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [body, setBody] = useState(section.body);
  useEffect(() => setBody(section.body), [section.body]);
  const save = useMutation({
    mutationFn: () => apiJson('PUT', `${BASE}/plans/${planId}/summary-texts/${section.key}`, { body: { body } }),
    onSuccess: () => message.success(t('indicators.summary.saved')),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <div style={{ marginBottom: 12 }}>
      <strong>{section.title}</strong>
      <Input.TextArea
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        disabled={!editable}
        placeholder={t('indicators.summary.placeholder')}
      />
      {editable && body !== section.body && (
        <Button size="small" type="link" onClick={() => save.mutate()} loading={save.isPending}>
          {t('indicators.summary.save')}
        </Button>
      )}
    </div>
  );
}
