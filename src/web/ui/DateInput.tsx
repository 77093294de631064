import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date field whose value is the API's `YYYY-MM-DD` string, so forms hold exactly what the server sends
 * and expects, with no dayjs objects to convert on the way in and out.
 */
export function DateInput({
  value,
  onChange,
  disabled,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  'data-testid'?: string;
}) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      disabled={disabled}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
