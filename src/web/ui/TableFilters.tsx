/**
 * The filter controls above a DataTable. Each filter is declared by the page (name = the API's list filter
 * parameter); values are read from and written to the URL through the table state.
 */
import { AutoComplete, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { RemoteSource } from './RemoteSelect';
import { RemoteSelect } from './RemoteSelect';
import { RegionTreeSelect, SchoolSelect } from './ScopeSelects';
import type { SelectOption } from './enums';
import type { StatePatch, TableState } from './table-state';

interface Common {
  label: string;
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
    update({ ...cleared, ...patch });
  };

  return (
    <>
      {filters.map((f) => {
        const style = { width: f.width ?? 160 };
        const common = { placeholder: f.label, style, 'data-testid': `filter-${filterNames(f).join('-')}` };
        switch (f.kind) {
          case 'select':
            return (
              <Select<string>
                key={f.name}
                {...common}
                allowClear
                value={state.get(f.name)}
                onChange={(v) => set(f, { [f.name]: v ?? null })}
                options={f.options.map((o) => ({ value: String(o.value), label: o.label }))}
                showSearch={{ optionFilterProp: 'label' }}
                popupMatchSelectWidth={false}
              />
            );
          case 'region':
            return (
              <RegionTreeSelect
                key={f.name}
                {...common}
                value={toNumber(state.get(f.name))}
                onChange={(v) => set(f, { [f.name]: v })}
              />
            );
          case 'school':
            return (
              <SchoolSelect
                key={f.name}
                {...common}
                value={toNumber(state.get(f.name))}
                onChange={(v) => set(f, { [f.name]: v })}
              />
            );
          case 'remote': {
            const source = f.source(state.get);
            return (
              <RemoteSelect
                key={f.name}
                {...common}
                source={source ?? { endpoint: '', label: () => '' }}
                disabled={!source}
                value={toNumber(state.get(f.name))}
                onChange={(v) => set(f, { [f.name]: typeof v === 'number' ? v : null })}
              />
            );
          }
          case 'text':
            if (f.suggestions) {
              return (
                <AutoComplete
                  key={`${f.name}:${state.get(f.name) ?? ''}`}
                  {...common}
                  allowClear
                  defaultValue={state.get(f.name)}
                  options={f.suggestions}
                  showSearch={{
                    filterOption: (input, option) =>
                      String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input),
                  }}
                  onSelect={(v: string) => set(f, { [f.name]: v })}
                  onClear={() => set(f, { [f.name]: null })}
                  onBlur={(e) => {
                    const v = (e.target as HTMLInputElement).value.trim();
                    if (v !== (state.get(f.name) ?? '')) set(f, { [f.name]: v });
                  }}
                  popupMatchSelectWidth={false}
                />
              );
            }
            return (
              <Input
                key={`${f.name}:${state.get(f.name) ?? ''}`}
                {...common}
                allowClear
                defaultValue={state.get(f.name)}
                onPressEnter={(e) => set(f, { [f.name]: e.currentTarget.value.trim() })}
                onBlur={(e) => {
                  const v = e.currentTarget.value.trim();
                  if (v !== (state.get(f.name) ?? '')) set(f, { [f.name]: v });
                }}
                onClear={() => set(f, { [f.name]: null })}
              />
            );
          case 'dateRange': {
            const [fromName, toName] = f.names;
            const from = state.get(fromName);
            const to = state.get(toName);
            return (
              <DatePicker.RangePicker
                key={fromName}
                style={{ width: f.width ?? 260 }}
                data-testid={common['data-testid']}
                placeholder={[f.label, f.label]}
                value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
                allowEmpty={[true, true]}
                onChange={(range) =>
                  set(f, {
                    [fromName]: range?.[0]?.format('YYYY-MM-DD') ?? null,
                    [toName]: range?.[1]?.format('YYYY-MM-DD') ?? null,
                  })
                }
              />
            );
          }
        }
      })}
    </>
  );
}
