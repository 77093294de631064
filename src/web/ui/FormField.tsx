import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { cloneElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from './DateInput';
import type { FieldDef, FormMode, FormValues } from './form-fields';
import { RemoteSelect } from './RemoteSelect';
import { RegionTreeSelect, SchoolSelect } from './ScopeSelects';

/** One Form.Item of an EntityForm, with the input its kind calls for. */
export function FormField({ field, values, mode }: { field: FieldDef; values: FormValues; mode: FormMode }) {
  const { t } = useTranslation();
  const disabled = mode === 'edit' && field.lockedOnEdit;
  const testId = `field-${field.name}`;
  const placeholder = field.placeholder;

  const input = (() => {
    switch (field.kind ?? 'text') {
      case 'text':
        return <Input maxLength={field.maxLength} placeholder={placeholder} disabled={disabled} data-testid={testId} />;
      case 'textarea':
        return <Input.TextArea maxLength={field.maxLength} rows={3} disabled={disabled} data-testid={testId} />;
      case 'password':
        return <Input.Password autoComplete="new-password" data-testid={testId} />;
      case 'number':
        return (
          <InputNumber
            min={field.min}
            max={field.max}
            style={{ width: '100%' }}
            disabled={disabled}
            data-testid={testId}
          />
        );
      case 'date':
        return <DateInput disabled={disabled} data-testid={testId} />;
      case 'switch':
        return <Switch disabled={disabled} data-testid={testId} />;
      case 'select':
      case 'multiselect': {
        const options = typeof field.options === 'function' ? field.options(values) : (field.options ?? []);
        return (
          <Select
            mode={field.kind === 'multiselect' ? 'multiple' : undefined}
            options={options}
            allowClear={!field.required}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={placeholder}
            disabled={disabled}
            data-testid={testId}
          />
        );
      }
      case 'region':
        return <RegionTreeSelect allowClear={!field.required} disabled={disabled} data-testid={testId} />;
      case 'school':
        return (
          <SchoolSelect
            allowClear={!field.required}
            filter={field.schoolFilter}
            disabled={disabled}
            data-testid={testId}
          />
        );
      case 'remote': {
        const source = field.remote?.(values) ?? null;
        return (
          <RemoteSelect
            source={source ?? { endpoint: '', label: () => '' }}
            disabled={disabled || !source}
            multiple={field.multiple}
            allowClear={!field.required}
            placeholder={source ? placeholder : t('form.chooseFirst')}
            data-testid={testId}
          />
        );
      }
      case 'custom':
        return field.input ? cloneElement(field.input) : null;
    }
  })();

  return (
    <Form.Item
      name={field.name}
      label={field.label}
      extra={field.help}
      valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
      rules={[...(field.required ? [{ required: true }] : []), ...(field.rules ?? [])]}
    >
      {input}
    </Form.Item>
  );
}
