/**
 * A select whose options are rows of a list endpoint (staff, classes, subjects, students …), searched on the
 * server as the user types. A chosen value that is not among the loaded options (editing a record whose
 * class is on page 3) is fetched by id, so the select shows a name rather than a bare number.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type Query } from '../app/api';
import type { ListAnswer } from '../app/types';
import { itemKey, listKey } from './query-keys';

export interface RemoteSource {
  /** A list endpoint, e.g. `/org/staff`. */
  endpoint: string;
  /** Extra list filters, e.g. `{ schoolId }` for the 班主任 of one school. */
  params?: Query;
  /** The option text of a row; each page knows its row type, the select only needs id + label. */
  // biome-ignore lint/suspicious/noExplicitAny: lets callers type the row parameter as their entity
  label: (row: any) => string;
}

type Value = number | number[] | null | undefined;

interface Props {
  source: RemoteSource;
  value?: Value;
  onChange?: (value: Value) => void;
  multiple?: boolean;
  disabled?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Enough rows to pick from without typing (a school's staff, a county's subjects); more are found by search. */
const PAGE = 100;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function RemoteSelect({
  source,
  value,
  onChange,
  multiple,
  disabled,
  placeholder,
  allowClear = true,
  ...rest
}: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const params: Query = { pageSize: PAGE, ...source.params, q };

  const list = useQuery({
    queryKey: listKey(source.endpoint, params),
    queryFn: ({ signal }) => api.get<ListAnswer<{ id: number }>>(source.endpoint, params, signal),
    enabled: !disabled,
    staleTime: 60_000,
  });

  const chosen = value == null ? [] : Array.isArray(value) ? value : [value];
  const loaded = new Set((list.data?.items ?? []).map((r) => r.id));
  const missing = list.isSuccess ? chosen.filter((id) => !loaded.has(id)) : [];
  const extra = useQueries({
    queries: missing.map((id) => ({
      queryKey: itemKey(source.endpoint, id),
      queryFn: () => api.get<{ id: number }>(`${source.endpoint}/${id}`),
      staleTime: 60_000,
    })),
  });

  const { label } = source;
  const extraRows = extra.map((e) => e.data).filter((r): r is { id: number } => Boolean(r));
  const options = useMemo(
    () => [...extraRows, ...(list.data?.items ?? [])].map((row) => ({ value: row.id, label: label(row) })),
    [extraRows, list.data, label],
  );

  return (
    <Select<Value>
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={list.isFetching}
      disabled={disabled}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      popupMatchSelectWidth={false}
    />
  );
}
