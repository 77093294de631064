/**
 * Pieces the inspection pages share: API shapes, the answer input for one criterion (every leaf kind), and the
 * evidence upload (the phone's camera on a phone).
 */
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, Criterion } from '../../../common/inspections';
import { meetsThreshold } from '../../../common/inspections';
import { ApiError, apiFetch, errorMessage } from '../../app/api';
import type { User } from '../../app/types';

export const BASE = '/inspections';

export type VisitKind = 'self' | 'routine' | 'random' | 'special' | 'teaching' | 'regular' | 'joint';
export const VISIT_KINDS: VisitKind[] = ['routine', 'random', 'special', 'teaching', 'regular', 'joint', 'self'];

export interface TemplateBodyDto {
  title: string;
  levelNames: string[];
  aggregation: 'weightedMean' | 'sum';
  maxScore: number;
  grades: { label: string; min: number | null }[];
  vetoGrade?: string;
  schoolTypes?: string[];
  criteria: Criterion[];
}

/** Managers (督学, 督导室, 教研员) plan, score and verify; the web only hides buttons, the server decides. */
export function isManagerUser(user: User): boolean {
  return user.roles.some((r) => ['bureau_admin', 'inspector', 'researcher'].includes(r.role));
}
export function isBureauUser(user: User): boolean {
  return isManagerUser(user) || user.roles.some((r) => r.role === 'bureau_leader');
}
export function isSchoolSide(user: User): boolean {
  return user.roles.some((r) => r.role === 'school_admin' || r.role === 'school_director');
}

export const STATUS_COLORS: Record<string, string> = {
  found: 'default',
  ordered: 'processing',
  objected: 'warning',
  responded: 'purple',
  closed: 'success',
  withdrawn: 'default',
};

/** Uploads one file for a school; returns its id. Type and size are checked by the server (and refused clearly). */
export async function uploadEvidence(schoolId: number, file: File): Promise<{ id: number; name: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await apiFetch('POST', `${BASE}/files?schoolId=${schoolId}`, { body: form });
  return (await res.json()) as { id: number; name: string };
}

export const fileUrl = (id: number) => `/api/v1${BASE}/files/${id}`;

/** Evidence thumbnails and an upload button that opens the camera on a phone. */
export function EvidenceField({
  schoolId,
  value,
  onChange,
  disabled,
  testId,
}: {
  schoolId: number;
  value: number[];
  onChange: (ids: number[]) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const ids = [...value];
      for (const f of files) ids.push((await uploadEvidence(schoolId, f)).id);
      onChange(ids);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Flex wrap gap={8} align="center">
      {value.map((id) => (
        <Flex key={id} vertical align="center" gap={2}>
          <Image
            src={fileUrl(id)}
            width={56}
            height={56}
            style={{ objectFit: 'cover' }}
            fallback="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='56' height='56'><rect width='56' height='56' fill='%23eee'/></svg>"
          />
          {!disabled && (
            <Typography.Link onClick={() => onChange(value.filter((x) => x !== id))} style={{ fontSize: 12 }}>
              {t('inspections.common.remove')}
            </Typography.Link>
          )}
        </Flex>
      ))}
      {!disabled && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*,.pdf,.doc,.docx,.xls,.xlsx"
            capture="environment"
            multiple
            hidden
            data-testid={testId}
            onChange={(e) => void pick(e.target.files)}
          />
          <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
            {t('inspections.score.photo')}
          </Button>
        </>
      )}
    </Flex>
  );
}

/** The answer control of one leaf, by its kind; out-of-range points are shown as an error, not clamped. */
export function AnswerInput({
  leaf,
  value,
  onChange,
  disabled,
}: {
  leaf: Criterion;
  value: Answer | undefined;
  onChange: (a: Answer) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const s = leaf.scoring!;
  const a = value ?? {};
  const tid = `answer-${leaf.code}`;
  switch (s.kind) {
    case 'points': {
      const bad = a.points !== undefined && (a.points < 0 || a.points > s.max);
      return (
        <Space direction="vertical" size={2}>
          <Space>
            <InputNumber
              value={a.points}
              disabled={disabled}
              status={bad ? 'error' : undefined}
              step={0.5}
              inputMode="decimal"
              style={{ width: 110 }}
              data-testid={tid}
              onChange={(v) => onChange({ ...a, points: v === null ? undefined : Number(v) })}
            />
            <span>/ {s.max}</span>
          </Space>
          {bad && <Typography.Text type="danger">{t('inspections.score.outOfRange', { max: s.max })}</Typography.Text>}
        </Space>
      );
    }
    case 'levels':
      return (
        <Radio.Group
          value={a.level}
          disabled={disabled}
          optionType="button"
          data-testid={tid}
          options={s.levels.map((l) => ({ value: l.code, label: `${l.label}（${l.points}）` }))}
          onChange={(e) => onChange({ ...a, level: e.target.value })}
        />
      );
    case 'passFail':
      return (
        <Radio.Group
          value={a.pass}
          disabled={disabled}
          optionType="button"
          data-testid={tid}
          options={[
            { value: true, label: t('inspections.score.pass') },
            { value: false, label: t('inspections.score.fail') },
          ]}
          onChange={(e) => onChange({ ...a, pass: e.target.value })}
        />
      );
    case 'threshold':
      return (
        <Space wrap>
          <InputNumber
            value={a.value}
            disabled={disabled}
            inputMode="decimal"
            data-testid={tid}
            onChange={(v) => onChange({ ...a, value: v === null ? undefined : Number(v) })}
          />
          <span>
            {s.direction === 'atMost' ? '≤' : '≥'} {s.threshold} {s.unit ?? ''}
          </span>
          {a.value !== undefined && (
            <Tag color={meetsThreshold(s, a.value) ? 'success' : 'error'}>
              {meetsThreshold(s, a.value) ? t('inspections.score.pass') : t('inspections.score.fail')}
            </Tag>
          )}
        </Space>
      );
    case 'text':
      return (
        <Input.TextArea
          value={a.text}
          disabled={disabled}
          autoSize={{ minRows: 2 }}
          data-testid={tid}
          onChange={(e) => onChange({ ...a, text: e.target.value })}
        />
      );
  }
}

/** Tags of a criterion: veto, evidence required, weight. */
export function CriterionTags({ c }: { c: Criterion }) {
  const { t } = useTranslation();
  return (
    <>
      {c.veto && (
        <Tag color="red">
          {c.veto.effect === 'fail' ? t('inspections.tpl.vetoFail') : t('inspections.tpl.vetoCap', { cap: c.veto.cap })}
        </Tag>
      )}
      {c.evidenceRequired && (
        <Tag icon={<PaperClipOutlined />} color="orange">
          {t('inspections.tpl.evidence')}
        </Tag>
      )}
      {c.weight !== undefined && c.weight !== 1 && <Tag>{t('inspections.tpl.weight', { w: c.weight })}</Tag>}
      {c.required === false && <Tag>{t('inspections.tpl.optional')}</Tag>}
    </>
  );
}

export function pct(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`;
}
