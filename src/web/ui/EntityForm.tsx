/**
 * Create/edit drawer for one registry record, driven by a field list. Editing loads the record by id (the
 * list row may be masked or stale), and saving sends only what changed; see form-fields.ts for why.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../app/api';
import { FormField } from './FormField';
import type { FieldDef } from './form-fields';
import { createBody, type FormMode, type FormValues, fieldErrors, isVisible, patchBody } from './form-fields';
import { invalidateEntity, itemKey } from './query-keys';

export interface EntityFormProps {
  /** The entity's endpoint, e.g. `/org/schools`; POST here, PATCH `${endpoint}/:id`. */
  endpoint: string;
  /** undefined = closed, null = create, a number = edit that record. */
  id: number | null | undefined;
  title: string;
  fields: FieldDef[];
  /** Initial values when creating (e.g. the parent region chosen in the tree). */
  defaults?: FormValues;
  /** Maps a loaded record to form values when they differ (role grants, for example). */
  toForm?: (record: FormValues) => FormValues;
  /** Reacts to edits, e.g. proposes a class name from grade and number. */
  onValuesChange?: (changed: FormValues, all: FormValues, set: (values: FormValues) => void) => void;
  onClose: () => void;
  onSaved?: (record: FormValues) => void;
  width?: number;
}

export function EntityForm(props: EntityFormProps) {
  const { endpoint, id } = props;
  const record = useQuery({
    queryKey: itemKey(endpoint, id ?? 0),
    queryFn: () => api.get<FormValues>(`${endpoint}/${id}`),
    enabled: typeof id === 'number',
    staleTime: 0,
  });
  const { t } = useTranslation();
  const open = id !== undefined;
  const mode: FormMode = id === null ? 'create' : 'edit';

  const initial = useMemo<FormValues | undefined>(() => {
    if (mode === 'create') return { ...props.defaults };
    if (!record.data) return undefined;
    return props.toForm ? props.toForm(record.data) : record.data;
  }, [mode, props.defaults, props.toForm, record.data]);

  return (
    <Drawer open={open} title={props.title} size={props.width ?? 520} onClose={props.onClose} destroyOnHidden>
      {record.error && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {open && !initial && !record.error && <Spin />}
      {open && initial && (
        // keyed so switching from one record to another starts a fresh form with that record's values
        <FormBody key={`${mode}:${id}`} {...props} mode={mode} initial={initial} cancelText={t('common.cancel')} />
      )}
    </Drawer>
  );
}

function FormBody({
  endpoint,
  id,
  fields,
  onValuesChange,
  onClose,
  onSaved,
  mode,
  initial,
  cancelText,
}: EntityFormProps & { mode: FormMode; initial: FormValues; cancelText: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const values: FormValues = Form.useWatch([], { form, preserve: true }) ?? initial;
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const current = { ...initial, ...(await form.validateFields()) };
    setError(null);
    setSaving(true);
    try {
      let saved: FormValues;
      if (mode === 'create') {
        saved = await api.post<FormValues>(endpoint, createBody(fields, current));
      } else {
        const body = patchBody(fields, current, initial);
        saved = Object.keys(body).length ? await api.patch<FormValues>(`${endpoint}/${id}`, body) : initial;
      }
      await invalidateEntity(queryClient, endpoint);
      message.success(t('form.saved'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError) {
        const known = new Set(fields.map((f) => f.name));
        const errors = fieldErrors(err.details).filter((e) => known.has(e.name));
        // Schema messages come from the validator in English; the banner above carries the translated one.
        form.setFields(errors.map((e) => ({ name: e.name, errors: [t('form.invalid')] })));
      }
    } finally {
      setSaving(false);
    }
  };

  const changed = (changedValues: FormValues, all: FormValues) => {
    const clear: FormValues = {};
    for (const name of Object.keys(changedValues)) {
      for (const target of fields.find((f) => f.name === name)?.clears ?? []) clear[target] = undefined;
    }
    if (Object.keys(clear).length) form.setFieldsValue(clear);
    onValuesChange?.(changedValues, { ...all, ...clear }, (v) => form.setFieldsValue(v));
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onValuesChange={changed} onFinish={save}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {fields
        .filter((f) => isVisible(f, values, mode))
        .map((f) => (
          <FormField key={f.name} field={f} values={values} mode={mode} />
        ))}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">
          {t('common.save')}
        </Button>
        <Button onClick={onClose}>{cancelText}</Button>
      </Space>
    </Form>
  );
}
