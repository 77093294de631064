import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Segmented,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, cstDate, weekday } from '../../../common/calendar/dates';
import type { CalendarYear } from '../../../common/calendar/holidays';
import { WorkingCalendar } from '../../../common/calendar/working-calendar';
import { ApiError, api, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { Page } from '../../ui/Page';

type Year = CalendarYear & { countyEdited: boolean };
const KEY = ['admin', 'calendar'] as const;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const COLORS = { off: '#ffccc7', on: '#ffe7ba', weekend: '#f5f5f5' };

/**
 * 工作日历: the county's working-day calendar, one year at a time as twelve month grids (days off, 调休 workdays,
 * weekends), with the source notice; the county's 教育局管理员 enters or corrects a year. A missing arrangement for
 * this year or next is shown as a warning, since every 工作日 deadline would then count weekends only.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const user = useUser();
  const canEdit = user.permissions.manageCounty;
  const thisYear = Number(cstDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: KEY, queryFn: () => api.get<{ years: Year[] }>('/admin/calendar') });
  const years = query.data?.years ?? [];
  const shown = years.find((y) => y.year === year);
  const choices = [...new Set([...years.map((y) => y.year), thisYear, thisYear + 1])].sort((a, b) => a - b);
  const missing = query.data ? [thisYear, thisYear + 1].filter((y) => !years.some((k) => k.year === y)) : [];

  return (
    <Page
      title={t('admin.calendar.title')}
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {shown ? t('admin.calendar.edit') : t('admin.calendar.create', { year })}
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('admin.calendar.intro')}
        </Typography.Paragraph>
        {missing.map((y) => (
          <Alert
            key={y}
            type={y === thisYear ? 'error' : 'warning'}
            showIcon
            data-testid={`calendar-missing-${y}`}
            title={`${t(y === thisYear ? 'admin.calendar.missingCurrent' : 'admin.calendar.missingNext', { year: y })}${
              canEdit ? '' : ` ${t('admin.calendar.missingAsk')}`
            }`}
            action={
              canEdit && (
                <Button
                  size="small"
                  onClick={() => {
                    setYear(y);
                    setEditing(true);
                  }}
                >
                  {t('admin.calendar.create', { year: y })}
                </Button>
              )
            }
          />
        ))}
        <Segmented
          value={year}
          onChange={(v) => setYear(Number(v))}
          options={choices.map((y) => ({
            value: y,
            label: years.some((k) => k.year === y) ? String(y) : `${y}（${t('admin.calendar.missing')}）`,
          }))}
        />
        {query.isLoading ? <Spin /> : query.error ? <Alert type="error" title={errorMessage(query.error)} /> : null}
        {query.data && <YearView year={year} data={shown} />}
      </Space>
      {editing && <EditYearModal year={year} data={shown} onClose={() => setEditing(false)} />}
    </Page>
  );
}

function YearView({ year, data }: { year: number; data: Year | undefined }) {
  const { t } = useTranslation();
  const cal = useMemo(() => new WorkingCalendar(data ? [data] : []), [data]);
  const workdays = new Set(data?.workdays ?? []);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {data && (
        <Space wrap>
          <Typography.Text>
            {t('admin.calendar.source')}：{data.source || t('admin.calendar.noSource')}
          </Typography.Text>
          <Tag color={data.countyEdited ? 'orange' : 'blue'}>
            {data.countyEdited ? t('admin.calendar.countyEdited') : t('admin.calendar.shipped')}
          </Tag>
        </Space>
      )}
      {data && (
        <Space wrap align="start" size="large">
          <div>
            <Typography.Text strong>{t('admin.calendar.holidays')}</Typography.Text>
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {data.holidays.map((h) => (
                <li key={h.from}>
                  {h.name}：{h.from === h.to ? h.from : `${h.from} ~ ${h.to}`}（
                  {t('admin.calendar.days', { n: dayjs(h.to).diff(dayjs(h.from), 'day') + 1 })}）
                </li>
              ))}
            </ul>
          </div>
          <div>
            <Typography.Text strong>{t('admin.calendar.workdays')}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {data.workdays.length === 0 ? t('admin.calendar.none') : data.workdays.map((d) => <Tag key={d}>{d}</Tag>)}
            </div>
          </div>
        </Space>
      )}
      <Space size="middle" wrap>
        <Legend color={COLORS.off} label={t('admin.calendar.legendOff')} />
        <Legend color={COLORS.on} label={t('admin.calendar.legendOn')} />
        <Legend color={COLORS.weekend} label={t('admin.calendar.legendWeekend')} />
      </Space>
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 12 }}
        data-testid="calendar-grid"
      >
        {MONTHS.map((m) => (
          <MonthGrid key={m} year={year} month={m} cal={cal} workdays={workdays} />
        ))}
      </div>
    </Space>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Space size={4}>
      <span
        style={{ display: 'inline-block', width: 14, height: 14, background: color, border: '1px solid #d9d9d9' }}
      />
      {label}
    </Space>
  );
}

function MonthGrid({
  year,
  month,
  cal,
  workdays,
}: {
  year: number;
  month: number;
  cal: WorkingCalendar;
  workdays: Set<string>;
}) {
  const { t } = useTranslation();
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const days: string[] = [];
  for (let d = first; d.slice(5, 7) === first.slice(5, 7); d = addDays(d, 1)) days.push(d);
  const letters = t('admin.calendar.weekdayLetters').split(' ');
  const cell = { textAlign: 'center' as const, fontSize: 12, lineHeight: '22px', borderRadius: 3 };
  return (
    <Card size="small" title={t('admin.calendar.month', { m: month })}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {letters.map((l) => (
          <div key={l} style={{ ...cell, color: '#8c8c8c' }}>
            {l}
          </div>
        ))}
        {Array.from({ length: weekday(first) }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st have no identity
          <div key={`blank-${i}`} />
        ))}
        {days.map((d) => {
          const name = cal.holidayName(d);
          const on = workdays.has(d);
          const weekend = weekday(d) === 0 || weekday(d) === 6;
          const background = name ? COLORS.off : on ? COLORS.on : weekend ? COLORS.weekend : undefined;
          return (
            <div
              key={d}
              data-date={d}
              data-kind={name ? 'off' : on ? 'on' : weekend ? 'weekend' : 'work'}
              title={name ?? (on ? '调休上班' : undefined)}
              style={{ ...cell, background, fontWeight: name || on ? 600 : undefined }}
            >
              {Number(d.slice(8))}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

interface FormValues {
  source: string;
  holidays: { name: string; range: [Dayjs, Dayjs] }[];
  workdays: { date: Dayjs }[];
}

function EditYearModal({ year, data, onClose }: { year: number; data: Year | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const inYear = (d: Dayjs) => d.year() !== year;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      apiJson('PUT', `/admin/calendar/${year}`, {
        body: {
          source: v.source ?? '',
          holidays: (v.holidays ?? []).map((h) => ({
            name: h.name,
            from: h.range[0].format('YYYY-MM-DD'),
            to: h.range[1].format('YYYY-MM-DD'),
          })),
          workdays: (v.workdays ?? []).map((w) => w.date.format('YYYY-MM-DD')),
        },
      }),
    onSuccess: async () => {
      message.success(t('admin.calendar.saved'));
      await qc.invalidateQueries({ queryKey: KEY });
      onClose();
    },
    onError: (err) => {
      const listed =
        err instanceof ApiError ? (err.details as { problems?: string[] } | undefined)?.problems : undefined;
      setProblems(listed ?? [errorMessage(err)]);
    },
  });
  return (
    <Modal
      open
      width={640}
      title={t('admin.calendar.modalTitle', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setProblems([]);
          save.mutate(v);
        }}
        initialValues={{
          source: data?.source ?? '',
          holidays: (data?.holidays ?? []).map((h) => ({ name: h.name, range: [dayjs(h.from), dayjs(h.to)] })),
          workdays: (data?.workdays ?? []).map((d) => ({ date: dayjs(d) })),
        }}
      >
        <Form.Item name="source" label={t('admin.calendar.source')} rules={[{ max: 200 }]}>
          <Input placeholder={t('admin.calendar.sourcePlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('admin.calendar.holidays')}</Typography.Text>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 30 }]} noStyle>
                    <Input placeholder={t('admin.calendar.name')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'range']} rules={[{ required: true }]} noStyle>
                    <DatePicker.RangePicker
                      disabledDate={inYear}
                      defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                      placeholder={[t('admin.calendar.from'), t('admin.calendar.to')]}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} type="dashed" onClick={() => add()} style={{ marginTop: 8 }}>
                {t('admin.calendar.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('admin.calendar.workdays')}</Typography.Text>{' '}
          <Typography.Text type="secondary">{t('admin.calendar.workdayHint')}</Typography.Text>
        </div>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <>
              <Space wrap style={{ marginTop: 8 }}>
                {fields.map((f) => (
                  <Space key={f.key} size={0}>
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true }]} noStyle>
                      <DatePicker
                        disabledDate={(d) => inYear(d) || (d.day() !== 0 && d.day() !== 6)}
                        defaultPickerValue={dayjs(`${year}-01-01`)}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(f.name)} aria-label="remove" />
                  </Space>
                ))}
              </Space>
              <div>
                <Button icon={<PlusOutlined />} type="dashed" onClick={() => add()} style={{ marginTop: 8 }}>
                  {t('admin.calendar.addWorkday')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
