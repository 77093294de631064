import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Upload,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import {
  BASE,
  keys,
  type PlanView,
  STATE_COLOR,
  type TaskView,
  type UnitProgress,
  useIsBureau,
  useUnitOptions,
} from './data';
import { DueText } from './PlanBoard';
import { RaiseProblem } from './RaiseProblem';

/** The plan's tasks with each responsible unit's progress; adding tasks; progress reports with attachments. */
export function TasksTab({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const can = useCan();
  const bureau = useIsBureau();
  const [adding, setAdding] = useState(false);
  const [reporting, setReporting] = useState<{ task: TaskView; unit: UnitProgress } | null>(null);
  const mayReport = (u: UnitProgress) => (u.schoolId === null ? bureau : can.school(u.schoolId));
  return (
    <>
      {view.mayEdit && (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="add-task">
          {t('indicators.plans.addTask')}
        </Button>
      )}
      <Table<TaskView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.tasks}
        scroll={{ x: 800 }}
        expandable={{
          expandedRowRender: (r) => (
            <p style={{ margin: 0 }}>
              {r.description || '—'}
              {r.evidenceRequired && ` · ${t('indicators.fields.evidence')}：${r.evidenceRequired}`}
            </p>
          ),
        }}
        columns={[
          { title: t('indicators.fields.task'), dataIndex: 'title' },
          { title: t('indicators.fields.leadUnit'), dataIndex: 'leadUnit' },
          { title: t('indicators.fields.person'), dataIndex: 'responsiblePerson' },
          { title: t('indicators.fields.due'), render: (_, r) => <DueText task={r} /> },
          {
            title: t('indicators.fields.units'),
            render: (_, r) => (
              <Space wrap size={4}>
                {r.units.map((u) => (
                  <Tag
                    key={`${u.schoolId}-${u.name}`}
                    color={STATE_COLOR[u.state]}
                    style={{ cursor: mayReport(u) ? 'pointer' : undefined }}
                    onClick={() => mayReport(u) && setReporting({ task: r, unit: u })}
                  >
                    {u.name} · {t(`indicators.state.${u.state}`)}
                  </Tag>
                ))}
                {bureau &&
                  r.units
                    .filter((u) => u.state === 'overdue' && u.schoolId !== null)
                    .map((u) => (
                      <RaiseProblem
                        key={`raise-${u.schoolId}`}
                        planId={view.plan.id}
                        taskId={r.id}
                        schoolId={u.schoolId ?? undefined}
                        label={`${t('indicators.ledger.raise')}（${u.name}）`}
                      />
                    ))}
              </Space>
            ),
          },
        ]}
      />
      {adding && <AddTask view={view} onClose={() => setAdding(false)} />}
      {reporting && (
        <ReportModal
          planId={view.plan.id}
          task={reporting.task}
          unit={reporting.unit}
          onClose={() => setReporting(null)}
        />
      )}
    </>
  );
}

function AddTask({ view, onClose }: { view: PlanView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const schools = useUnitOptions(false);
  const [form] = Form.useForm();
  const mode = Form.useWatch('mode', form);
  const add = useMutation({
    mutationFn: (v: {
      title: string;
      description?: string;
      leadUnit: string;
      who: 'all' | 'some' | 'dept';
      schools?: string[];
      depts?: string;
      person?: string;
      mode: 'once' | 'weekly' | 'monthly';
      due?: dayjs.Dayjs;
      weekday?: number;
      day?: number;
      time?: dayjs.Dayjs;
      evidence?: string;
      phaseId?: number;
    }) =>
      api.post(`${BASE}/plans/${view.plan.id}/tasks`, {
        title: v.title,
        description: v.description,
        leadUnit: v.leadUnit,
        phaseId: v.phaseId ?? null,
        allSchools: v.who === 'all',
        responsibleSchoolIds: v.who === 'some' ? (v.schools ?? []).map((s) => Number(s.split(':')[1])) : [],
        responsibleDepts: v.who === 'dept' ? (v.depts ?? '').split(/[,，、\s]+/).filter(Boolean) : [],
        responsiblePerson: v.person,
        dueDate: v.mode === 'once' ? v.due?.format('YYYY-MM-DD') : null,
        recurrence:
          v.mode === 'weekly'
            ? { kind: 'weekly', weekday: v.weekday ?? 4, time: v.time?.format('HH:mm') ?? '17:00', shift: 'previous' }
            : v.mode === 'monthly'
              ? { kind: 'monthly', day: v.day ?? 23, time: v.time?.format('HH:mm') ?? '17:00', shift: 'previous' }
              : null,
        evidenceRequired: v.evidence,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.plan(view.plan.id) });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      width={640}
      title={t('indicators.plans.addTask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => add.mutate(v)}
        initialValues={{ who: view.plan.ownerLevel === 'school' ? 'dept' : 'all', mode: 'once', weekday: 4, day: 23 }}
      >
        <Form.Item name="title" label={t('indicators.fields.task')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('indicators.fields.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="leadUnit" label={t('indicators.fields.leadUnit')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} placeholder="教研室" />
          </Form.Item>
          <Form.Item name="person" label={t('indicators.fields.person')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="phaseId" label={t('indicators.fields.phase')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={view.phases.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="who" label={t('indicators.fields.units')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('indicators.tasks.allSchools') },
              { value: 'some', label: t('indicators.tasks.someSchools') },
              { value: 'dept', label: t('indicators.tasks.depts') },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) =>
            getFieldValue('who') === 'some' ? (
              <Form.Item name="schools" rules={[{ required: true }]}>
                <Select mode="multiple" showSearch optionFilterProp="label" options={schools} />
              </Form.Item>
            ) : getFieldValue('who') === 'dept' ? (
              <Form.Item name="depts">
                <Input placeholder="教研室、德育股" />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="mode" label={t('indicators.fields.due')}>
          <Radio.Group
            options={[
              { value: 'once', label: t('indicators.tasks.once') },
              { value: 'weekly', label: t('indicators.tasks.everyWeek') },
              { value: 'monthly', label: t('indicators.tasks.everyMonth') },
            ]}
          />
        </Form.Item>
        <Space wrap>
          {mode === 'once' && (
            <Form.Item name="due" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          )}
          {mode === 'weekly' && (
            <Form.Item name="weekday">
              <Select
                style={{ width: 100 }}
                options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: t(`indicators.weekdays.d${d as 0}`) }))}
              />
            </Form.Item>
          )}
          {mode === 'monthly' && (
            <Form.Item name="day">
              <InputNumber min={1} max={31} addonAfter={t('indicators.tasks.dayOfMonth')} />
            </Form.Item>
          )}
          {mode !== 'once' && (
            <Form.Item name="time" help={t('indicators.tasks.holidayHelp')}>
              <TimePicker format="HH:mm" placeholder="17:00" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="evidence" label={t('indicators.fields.evidence')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportModal({
  planId,
  task,
  unit,
  onClose,
}: {
  planId: number;
  task: TaskView;
  unit: UnitProgress;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [files, setFiles] = useState<{ hash: string; name: string }[]>([]);
  const [form] = Form.useForm();
  const send = useMutation({
    mutationFn: (v: { status: string; narrative: string }) =>
      api.post(`${BASE}/tasks/${task.id}/reports`, {
        schoolId: unit.schoolId,
        dueDate: unit.dueDate,
        status: v.status,
        narrative: v.narrative ?? '',
        files,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.plan(planId) });
      client.invalidateQueries({ queryKey: keys.overdue });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`${task.title} · ${unit.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
    >
      <p>
        {t('indicators.fields.due')}：{unit.dueDate ?? '—'}
        {task.evidenceRequired && ` · ${t('indicators.fields.evidence')}：${task.evidenceRequired}`}
      </p>
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} initialValues={{ status: 'done' }}>
        <Form.Item name="status" label={t('indicators.fields.status')}>
          <Radio.Group
            options={(['in_progress', 'done', 'blocked'] as const).map((s) => ({
              value: s,
              label: t(`indicators.reportStatus.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="narrative" label={t('indicators.fields.narrative')}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Upload
          customRequest={async ({ file, onSuccess, onError }) => {
            const data = new FormData();
            data.append('file', file as Blob);
            try {
              const saved = await apiJson<{ hash: string; name: string }>('POST', `${BASE}/files`, { body: data });
              setFiles((f) => [...f, saved]);
              onSuccess?.(saved);
            } catch (e) {
              onError?.(e as Error);
            }
          }}
        >
          <Button>{t('indicators.manual.upload')}</Button>
        </Upload>
      </Form>
    </Modal>
  );
}
