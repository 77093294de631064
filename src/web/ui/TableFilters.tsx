/**
 * The filter controls above a DataTable. Each filter is declared by the page (name = the API's list filter
 * parameter); values are read from and written to the URL through the table state.
 */
import { AutoComplete, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { SelectOption } from './enums';
import type { RemoteSource } from './RemoteSelect';
import { RemoteSelect } from './RemoteSelect';
import { RegionTreeSelect, SchoolSelect } from './ScopeSelects';
import { filterValue, type StatePatch, type TableState } from './table-state';

interface Common {
  label: string;
  /** Applied while the URL does not name this filter; clearing it shows everything (e.g. 学籍状态 = 在读). */
  defaultValue?: string;
  /** Filters to clear when this one changes, e.g. classId when schoolId changes. */
  clears?: string[];
  width?: number;
}

export type FilterDef = Common &
  (
    | { kind: 'select'; name: string; options: SelectOption<string | number>[] | SelectOption<string>[] }
    | { kind: 'region'; name: string }
    | { kind: 'school'; name: string }
    | {
        kind: 'remote';
        name: string;
        /** null = not available yet (e.g. a class filter before a school is chosen). */
        source: (get: TableState['get']) => RemoteSource | null;
      }
    | {
        kind: 'text';
        name: string;
        /** Known values offered while typing; anything else may still be typed. */
        suggestions?: SelectOption<string>[];
      }
    | { kind: 'dateRange'; names: [from: string, to: string] }
  );

/** Every URL parameter a filter writes. */
export function filterNames(filter: FilterDef): string[] {
  return filter.kind === 'dateRange' ? [...filter.names] : [filter.name];
}

const toNumber = (raw: string | undefined) => (raw === undefined || raw === '' ? undefined : Number(raw));

export function TableFilters({
  filters,
  state,
  update,
}: {
  filters: FilterDef[];
  state: TableState;
  update: (patch: StatePatch) => void;
}) {
  const set = (filter: FilterDef, patch: StatePatch) => {
    const cleared: StatePatch = {};
    for (const name of filter.clears ?? []) cleared[name] = null;
    // A filter with a default is cleared with '' so the default does not come back.
    const own: StatePatch = {};
    for (const [name, value] of Object.entries(patch)) {
      own[name] = filter.defaultValue !== undefined && (value === null || value === undefined) ? '' : value;
    }
    update({ ...cleared, ...own });
  };

  return (
    <>
      {filters.map((f) => (
        <FilterControl key={filterNames(f).join('-')} filter={f} state={state} set={(patch) => set(f, patch)} />
      ))}
    </>
  );
}

/** One filter's control, chosen by its kind. */
function FilterControl({
  filter: f,
  state,
  set,
}: {
  filter: FilterDef;
  state: TableState;
  set: (patch: StatePatch) => void;
}) {
  const value = (name: string) => filterValue(state, name, f.defaultValue);
  const common = {
    placeholder: f.label,
    style: { width: f.width ?? 160 },
    'data-testid': `filter-${filterNames(f).join('-')}`,
  };
  switch (f.kind) {
    case 'select':
      return (
        <Select<string>
          {...common}
          allowClear
          value={value(f.name)}
          onChange={(v) => set({ [f.name]: v ?? null })}
          options={f.options.map((o) => ({ value: String(o.value), label: o.label }))}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
        />
      );
    case 'region':
      return <RegionTreeSelect {...common} value={toNumber(value(f.name))} onChange={(v) => set({ [f.name]: v })} />;
    case 'school':
      return <SchoolSelect {...common} value={toNumber(value(f.name))} onChange={(v) => set({ [f.name]: v })} />;
    case 'remote': {
      const source = f.source(state.get);
      return (
        <RemoteSelect
          {...common}
          source={source ?? { endpoint: '', label: () => '' }}
          disabled={!source}
          value={toNumber(value(f.name))}
          onChange={(v) => set({ [f.name]: typeof v === 'number' ? v : null })}
        />
      );
    }
    case 'text':
      // Keyed by the URL value: the typed text is reset when the URL changes (back button, cleared filters).
      return (
        <TextFilter
          key={value(f.name) ?? ''}
          common={common}
          value={value(f.name)}
          suggestions={f.suggestions}
          onCommit={(v) => set({ [f.name]: v || null })}
        />
      );
    case 'dateRange': {
      const [fromName, toName] = f.names;
      const from = value(fromName);
      const to = value(toName);
      return (
        <DatePicker.RangePicker
          style={{ width: f.width ?? 260 }}
          data-testid={common['data-testid']}
          placeholder={[f.label, f.label]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            set({
              [fromName]: range?.[0]?.format('YYYY-MM-DD') ?? null,
              [toName]: range?.[1]?.format('YYYY-MM-DD') ?? null,
            })
          }
        />
      );
    }
  }
}

/** Free text, applied on Enter, on leaving the field, or on picking a suggestion. */
function TextFilter({
  common,
  value,
  suggestions,
  onCommit,
}: {
  common: { placeholder: string; style: React.CSSProperties; 'data-testid': string };
  value: string | undefined;
  suggestions?: SelectOption<string>[];
  onCommit: (value: string) => void;
}) {
  const commitIfChanged = (text: string) => {
    if (text.trim() !== (value ?? '')) onCommit(text.trim());
  };
  if (suggestions) {
    return (
      <AutoComplete
        {...common}
        allowClear
        defaultValue={value}
        options={suggestions}
        showSearch={{
          filterOption: (input, option) =>
            String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input),
        }}
        onSelect={(v: string) => onCommit(v)}
        onClear={() => onCommit('')}
        onBlur={(e) => commitIfChanged((e.target as HTMLInputElement).value)}
        popupMatchSelectWidth={false}
      />
    );
  }
  return (
    <Input
      {...common}
      allowClear
      defaultValue={value}
      onPressEnter={(e) => commitIfChanged(e.currentTarget.value)}
      onBlur={(e) => commitIfChanged(e.currentTarget.value)}
      onClear={() => onCommit('')}
    />
  );
}
