/**
 * 检查模板库: the county's templates and their versions; a version's criteria as a tree. A draft is edited here
 * (each node: title, weight, scoring kind and its parameters, veto, evidence, applicability); a published version is
 * read-only — "新版本" copies it into the next draft. Excel import/export of a version.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Criterion, LeafScoring } from '../../../common/inspections';
import { SCHOOL_TYPES } from '../../../common/org/enums';
import { api, apiFetch, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import type { ListAnswer } from '../../app/types';
import { downloadFile } from '../../ui/download';
import { useEnums } from '../../ui/enums';
import { Page } from '../../ui/Page';
import { BASE, CriterionTags, isManagerUser, type TemplateBodyDto } from './shared';

interface TemplateRow {
  id: number;
  familyId: number;
  version: number;
  status: 'draft' | 'published';
  category: string;
  title: string;
}
interface TemplateDetail {
  id: number;
  familyId: number;
  version: number;
  status: 'draft' | 'published';
  category: string;
  body: TemplateBodyDto;
  issues: { code: string; message: string }[];
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const manager = isManagerUser(user);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('template')) || null;
  const select = (id: number) => setParams({ template: String(id) });
  const list = useQuery({
    queryKey: ['list', `${BASE}/templates`],
    queryFn: () => api.get<ListAnswer<TemplateRow>>(`${BASE}/templates`),
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const families = new Map<number, TemplateRow[]>();
  for (const r of list.data?.items ?? []) families.set(r.familyId, [...(families.get(r.familyId) ?? []), r]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await apiFetch('POST', `${BASE}/templates/import`, { body: form });
      const r = (await res.json()) as { id: number };
      message.success(t('inspections.tpl.imported'));
      await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/templates`] });
      select(r.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Page
      title={t('inspections.pages.templates')}
      extra={
        manager && (
          <>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx"
              hidden
              onChange={(e) => void importFile(e.target.files?.[0])}
            />
            <Space>
              <Button
                onClick={() =>
                  void api
                    .post<{ id: number }>(`${BASE}/templates`, {
                      category: '其他',
                      body: {
                        title: t('inspections.tpl.newTemplate'),
                        levelNames: ['一级指标', '评估标准'],
                        aggregation: 'sum',
                        maxScore: 10,
                        grades: [
                          { label: '合格', min: 6 },
                          { label: '不合格', min: null },
                        ],
                        criteria: [
                          { code: 'A1', title: t('inspections.tpl.newNode'), scoring: { kind: 'points', max: 10 } },
                        ],
                      },
                    })
                    .then(async (r) => {
                      await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/templates`] });
                      select(r.id);
                    })
                    .catch((e) => message.error(errorMessage(e)))
                }
              >
                {t('inspections.tpl.create')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
                {t('inspections.tpl.import')}
              </Button>
            </Space>
          </>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <List
            size="small"
            bordered
            loading={list.isLoading}
            dataSource={[...families.values()]}
            renderItem={(versions) => (
              <List.Item>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{versions[0].title}</Typography.Text>
                  <Space wrap size={4}>
                    <Tag>{versions[0].category}</Tag>
                    {versions.map((v) => (
                      <Tag.CheckableTag key={v.id} checked={v.id === selected} onChange={() => select(v.id)}>
                        v{v.version}
                        {v.status === 'draft' ? `（${t('inspections.tpl.draft')}）` : ''}
                      </Tag.CheckableTag>
                    ))}
                  </Space>
                </Flex>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={16}>
          {selected ? (
            <TemplateEditor id={selected} manager={manager} onSelect={select} />
          ) : (
            <Empty description={t('inspections.tpl.pick')} />
          )}
        </Col>
      </Row>
    </Page>
  );
}

/** Finds a node by code and applies `fn` to its sibling list. */
function editTree(cs: Criterion[], code: string, fn: (siblings: Criterion[], index: number) => void): boolean {
  const i = cs.findIndex((c) => c.code === code);
  if (i >= 0) {
    fn(cs, i);
    return true;
  }
  return cs.some((c) => c.children && editTree(c.children, code, fn));
}

function findNode(cs: Criterion[], code: string): Criterion | undefined {
  for (const c of cs) {
    if (c.code === code) return c;
    const f = c.children && findNode(c.children, code);
    if (f) return f;
  }
  return undefined;
}

function TemplateEditor({ id, manager, onSelect }: { id: number; manager: boolean; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['item', `${BASE}/templates`, id],
    queryFn: () => api.get<TemplateDetail>(`${BASE}/templates/${id}`),
  });
  const [body, setBody] = useState<TemplateBodyDto | null>(null);
  const [node, setNode] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) setBody(structuredClone(q.data.body));
    setNode(null);
  }, [q.data]);
  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  if (!q.data || !body) return null;
  const d = q.data;
  const draft = d.status === 'draft' && manager;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/templates`] });
    await queryClient.invalidateQueries({ queryKey: ['item', `${BASE}/templates`, id] });
  };
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const save = () =>
    run(
      () => apiJson('PUT', `${BASE}/templates/${id}`, { body: { category: d.category, body } }),
      t('inspections.common.saved'),
    );
  type TreeNode = { key: string; title: React.ReactNode; children?: TreeNode[] };
  const toTree = (cs: Criterion[]): TreeNode[] =>
    cs.map((c) => ({
      key: c.code,
      title: (
        <span>
          {c.code} {c.title}{' '}
          {c.scoring && <Tag>{t(`inspections.leafKinds.${c.scoring.kind}` as 'inspections.leafKinds.points')}</Tag>}
          <CriterionTags c={c} />
        </span>
      ),
      children: c.children ? toTree(c.children) : undefined,
    }));
  const mutate = (fn: (b: TemplateBodyDto) => void) => {
    const next = structuredClone(body);
    fn(next);
    setBody(next);
  };
  const selectedNode = node ? findNode(body.criteria, node) : undefined;

  return (
    <Card
      size="small"
      title={`${body.title}（v${d.version}）`}
      extra={
        <Space wrap>
          <Tag color={d.status === 'published' ? 'success' : 'default'}>
            {d.status === 'published' ? t('inspections.tpl.published') : t('inspections.tpl.draft')}
          </Tag>
          <Button
            icon={<DownloadOutlined />}
            size="small"
            onClick={() =>
              void downloadFile(`${BASE}/templates/${id}/export`, {}, `${body.title}.xlsx`).catch((e) =>
                message.error(errorMessage(e)),
              )
            }
          >
            {t('inspections.tpl.export')}
          </Button>
          {manager && d.status === 'published' && (
            <Button
              size="small"
              onClick={() =>
                void api
                  .post<{ id: number }>(`${BASE}/templates/${id}/revise`)
                  .then(async (r) => {
                    await refresh();
                    onSelect(r.id);
                  })
                  .catch((e) => message.error(errorMessage(e)))
              }
            >
              {t('inspections.tpl.revise')}
            </Button>
          )}
          {draft && (
            <>
              <Button size="small" onClick={() => void save()}>
                {t('inspections.common.save')}
              </Button>
              <Popconfirm
                title={t('inspections.tpl.publishConfirm')}
                onConfirm={() =>
                  void run(() => api.post(`${BASE}/templates/${id}/publish`), t('inspections.tpl.publishedOk'))
                }
              >
                <Button size="small" type="primary">
                  {t('inspections.tpl.publish')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      {d.issues.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={d.issues.map((i) => i.message).join('；')} />
      )}
      {draft ? (
        <HeaderForm
          key={`${d.id}-${d.version}`}
          body={body}
          onChange={(patch) => mutate((b) => Object.assign(b, patch))}
        />
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('inspections.tpl.aggregation')}>
            {body.aggregation === 'sum' ? t('inspections.tpl.sum') : t('inspections.tpl.weightedMean')}
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.tpl.maxScore')}>{body.maxScore}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.tpl.levels')}>{body.levelNames.join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.tpl.grades')}>
            {body.grades.map((g) => `${g.label}${g.min === null ? '' : ` ≥${g.min}`}`).join('，')}
          </Descriptions.Item>
        </Descriptions>
      )}
      {draft && (
        <Space style={{ margin: '8px 0' }} wrap>
          <Button
            size="small"
            onClick={() =>
              mutate((b) => {
                const code = `A${b.criteria.length + 1}`;
                b.criteria.push({ code, title: t('inspections.tpl.newNode'), scoring: { kind: 'points', max: 10 } });
              })
            }
          >
            {t('inspections.tpl.addTop')}
          </Button>
          {selectedNode && (
            <>
              <Button
                size="small"
                onClick={() =>
                  mutate((b) => {
                    const n = findNode(b.criteria, selectedNode.code)!;
                    const children = n.children ?? [];
                    delete n.scoring;
                    delete n.veto;
                    children.push({
                      code: `${n.code}.${children.length + 1}`,
                      title: t('inspections.tpl.newNode'),
                      scoring: { kind: 'points', max: 10 },
                    });
                    n.children = children;
                  })
                }
              >
                {t('inspections.tpl.addChild')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() => {
                  mutate((b) => editTree(b.criteria, selectedNode.code, (s, i) => s.splice(i, 1)));
                  setNode(null);
                }}
              >
                {t('inspections.common.remove')}
              </Button>
            </>
          )}
        </Space>
      )}
      <Row gutter={12}>
        <Col xs={24} lg={selectedNode && draft ? 12 : 24}>
          <Tree
            treeData={toTree(body.criteria)}
            defaultExpandAll
            selectedKeys={node ? [node] : []}
            onSelect={(keys) => setNode((keys[0] as string) ?? null)}
          />
        </Col>
        {selectedNode && draft && (
          <Col xs={24} lg={12}>
            <NodeForm
              key={selectedNode.code}
              node={selectedNode}
              onChange={(n) =>
                mutate((b) =>
                  editTree(b.criteria, selectedNode.code, (s, i) => {
                    s[i] = n;
                  }),
                )
              }
            />
          </Col>
        )}
      </Row>
    </Card>
  );
}

/** grade bands ↔ "优秀:90;良好:80;合格:60;不合格:" (the last, with no minimum, catches every total). */
const gradesText = (g: TemplateBodyDto['grades']) => g.map((b) => `${b.label}:${b.min ?? ''}`).join(';');
const parseGrades = (text: string): TemplateBodyDto['grades'] =>
  text
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const [label, min] = part.split(':');
      return { label, min: min === undefined || min === '' ? null : Number(min) };
    });

/** The template's own settings (title, aggregation, full score, level names, grade bands, veto grade) in a draft. */
function HeaderForm({
  body,
  onChange,
}: {
  body: TemplateBodyDto;
  onChange: (patch: Partial<TemplateBodyDto>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form
      size="small"
      layout="inline"
      style={{ rowGap: 8 }}
      initialValues={{ ...body, levelNames: body.levelNames.join('/'), grades: gradesText(body.grades) }}
      onValuesChange={(_, v) =>
        onChange({
          title: v.title,
          aggregation: v.aggregation,
          maxScore: v.maxScore,
          levelNames: String(v.levelNames ?? '')
            .split('/')
            .filter(Boolean),
          grades: parseGrades(v.grades ?? ''),
          vetoGrade: v.vetoGrade || undefined,
        })
      }
    >
      <Form.Item name="title" label={t('inspections.tpl.nodeTitle')}>
        <Input style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="aggregation" label={t('inspections.tpl.aggregation')}>
        <Select
          style={{ width: 110 }}
          options={[
            { value: 'sum', label: t('inspections.tpl.sum') },
            { value: 'weightedMean', label: t('inspections.tpl.weightedMean') },
          ]}
        />
      </Form.Item>
      <Form.Item name="maxScore" label={t('inspections.tpl.maxScore')}>
        <InputNumber min={1} />
      </Form.Item>
      <Form.Item name="levelNames" label={t('inspections.tpl.levels')}>
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="grades" label={t('inspections.tpl.grades')}>
        <Input style={{ width: 260 }} placeholder="优秀:90;良好:80;合格:60;不合格:" />
      </Form.Item>
      <Form.Item name="vetoGrade" label={t('inspections.tpl.vetoGrade')}>
        <Input style={{ width: 100 }} />
      </Form.Item>
    </Form>
  );
}

/** levels ↔ "A:优:4;B:良:3;D:差:1!" (a trailing ! marks a failing level), as in the Excel format. */
const levelsText = (s: LeafScoring | undefined) =>
  s?.kind === 'levels' ? s.levels.map((l) => `${l.code}:${l.label}:${l.points}${l.fails ? '!' : ''}`).join(';') : '';
const parseLevels = (text: string) =>
  text
    .split(';')
    .filter(Boolean)
    .map((part) => {
      const fails = part.endsWith('!');
      const [code, label, points] = (fails ? part.slice(0, -1) : part).split(':');
      return { code, label: label ?? code, points: Number(points ?? 0), ...(fails ? { fails: true } : {}) };
    });

function NodeForm({ node, onChange }: { node: Criterion; onChange: (n: Criterion) => void }) {
  const { t } = useTranslation();
  const { options } = useEnums();
  const [form] = Form.useForm();
  const s = node.scoring;
  const initial = {
    title: node.title,
    weight: node.weight ?? 1,
    kind: s?.kind,
    max: s && 'max' in s ? s.max : undefined,
    failBelow: s?.kind === 'points' ? s.failBelow : undefined,
    levels: levelsText(s),
    threshold: s?.kind === 'threshold' ? s.threshold : undefined,
    direction: s?.kind === 'threshold' ? s.direction : 'atMost',
    unit: s?.kind === 'threshold' ? s.unit : undefined,
    veto: node.veto ? node.veto.effect : 'none',
    cap: node.veto?.effect === 'cap' ? node.veto.cap : undefined,
    evidenceRequired: node.evidenceRequired ?? false,
    required: node.required !== false,
    schoolTypes: node.schoolTypes ?? [],
    guidance: node.guidance,
  };
  const apply = (v: typeof initial) => {
    const n: Criterion = { code: node.code, title: v.title, ...(v.weight !== 1 ? { weight: v.weight } : {}) };
    if (node.children) n.children = node.children;
    else {
      const kind = v.kind ?? 'points';
      n.scoring =
        kind === 'points'
          ? { kind, max: v.max ?? 10, ...(v.failBelow ? { failBelow: v.failBelow } : {}) }
          : kind === 'passFail'
            ? { kind, max: v.max ?? 10 }
            : kind === 'threshold'
              ? {
                  kind,
                  max: v.max ?? 10,
                  threshold: v.threshold ?? 0,
                  direction: v.direction,
                  ...(v.unit ? { unit: v.unit } : {}),
                }
              : kind === 'levels'
                ? { kind, levels: parseLevels(v.levels) }
                : { kind: 'text' };
      if (v.veto === 'fail') n.veto = { effect: 'fail' };
      if (v.veto === 'cap') n.veto = { effect: 'cap', cap: v.cap ?? 0 };
      if (v.evidenceRequired) n.evidenceRequired = true;
      if (!v.required) n.required = false;
    }
    if (v.schoolTypes.length) n.schoolTypes = v.schoolTypes;
    if (v.guidance) n.guidance = v.guidance;
    onChange(n);
  };
  const kind = Form.useWatch('kind', form);
  const veto = Form.useWatch('veto', form);
  return (
    <Form form={form} size="small" layout="vertical" initialValues={initial} onValuesChange={(_, all) => apply(all)}>
      <Typography.Text strong>{node.code}</Typography.Text>
      <Form.Item name="title" label={t('inspections.tpl.nodeTitle')}>
        <Input />
      </Form.Item>
      <Form.Item name="weight" label={t('inspections.tpl.nodeWeight')}>
        <InputNumber min={0.01} step={0.5} />
      </Form.Item>
      {!node.children && (
        <>
          <Form.Item name="kind" label={t('inspections.tpl.kind')}>
            <Select
              options={(['points', 'levels', 'passFail', 'threshold', 'text'] as const).map((k) => ({
                value: k,
                label: t(`inspections.leafKinds.${k}`),
              }))}
            />
          </Form.Item>
          {kind !== 'levels' && kind !== 'text' && (
            <Form.Item name="max" label={t('inspections.tpl.max')}>
              <InputNumber min={0} />
            </Form.Item>
          )}
          {kind === 'points' && (
            <Form.Item name="failBelow" label={t('inspections.tpl.failBelow')}>
              <InputNumber min={0} />
            </Form.Item>
          )}
          {kind === 'levels' && (
            <Form.Item name="levels" label={t('inspections.tpl.levelsText')}>
              <Input placeholder="A:优:4;B:良:3;C:中:2;D:差:1!" />
            </Form.Item>
          )}
          {kind === 'threshold' && (
            <Space>
              <Form.Item name="direction" label={t('inspections.tpl.direction')}>
                <Select
                  style={{ width: 70 }}
                  options={[
                    { value: 'atMost', label: '≤' },
                    { value: 'atLeast', label: '≥' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="threshold" label={t('inspections.tpl.threshold')}>
                <InputNumber />
              </Form.Item>
              <Form.Item name="unit" label={t('inspections.tpl.unit')}>
                <Input style={{ width: 60 }} />
              </Form.Item>
            </Space>
          )}
          {kind !== 'text' && (
            <Space>
              <Form.Item name="veto" label={t('inspections.tpl.veto')}>
                <Select
                  style={{ width: 120 }}
                  options={[
                    { value: 'none', label: t('inspections.tpl.vetoNone') },
                    { value: 'fail', label: t('inspections.tpl.vetoFail') },
                    { value: 'cap', label: t('inspections.tpl.vetoCapShort') },
                  ]}
                />
              </Form.Item>
              {veto === 'cap' && (
                <Form.Item name="cap" label={t('inspections.tpl.cap')}>
                  <InputNumber min={0} />
                </Form.Item>
              )}
            </Space>
          )}
          <Space>
            <Form.Item name="evidenceRequired" label={t('inspections.tpl.evidence')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="required" label={t('inspections.tpl.requiredLabel')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </>
      )}
      <Form.Item name="schoolTypes" label={t('inspections.tpl.schoolTypes')}>
        <Select mode="multiple" allowClear options={options(SCHOOL_TYPES)} />
      </Form.Item>
      <Form.Item name="guidance" label={t('inspections.tpl.guidance')}>
        <Input.TextArea autoSize />
      </Form.Item>
    </Form>
  );
}
