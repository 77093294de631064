/**
 * A server-side list: the API pages, sorts, searches and filters (`{ items, total }`); this component only
 * holds that state (in the URL) and renders it. Pages declare columns and filters and get search, paging,
 * sorting, the header's org unit as a filter, and a toolbar that knows the current filters (for export).
 */
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Input, Space, Table, type TableColumnsType, type TableColumnType, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Query } from '../app/api';
import { useOrgFilter } from '../app/org-unit';
import type { ListAnswer } from '../app/types';
import { listKey } from './query-keys';
import { type FilterDef, filterNames, TableFilters } from './TableFilters';
import { filterValue, type SortOrder, useTableState } from './table-state';

export interface DataTableProps<T> {
  /** The list endpoint, e.g. `/org/students`. */
  endpoint: string;
  columns: TableColumnsType<T>;
  filters?: FilterDef[];
  /** Filters that are always sent (e.g. a fixed studentId). */
  fixedParams?: Query;
  /** Send the header's chosen region/school as `regionId`/`schoolId`. */
  orgFilter?: boolean;
  searchable?: boolean;
  searchPlaceholder?: string;
  /** Buttons on the right; receives the current filters (no paging) for export. */
  toolbar?: (params: Query) => ReactNode;
  /** Prefix of this table's URL parameters when a page shows more than one table. */
  stateKey?: string;
  expandable?: TableProps<T>['expandable'];
  /** Page sizes offered; keep within the endpoint's maximum (500 for registry lists). */
  pageSizeOptions?: number[];
  /** false holds the first request until a filter default is known (e.g. the current school year). */
  ready?: boolean;
}

/** The sort field of a column: its key, else its dataIndex. */
function sortField<T>(col: TableColumnType<T>): string | undefined {
  if (col.key != null) return String(col.key);
  return typeof col.dataIndex === 'string' ? col.dataIndex : undefined;
}

const toAntOrder = (o: SortOrder | undefined): 'ascend' | 'descend' | null =>
  o === 'asc' ? 'ascend' : o === 'desc' ? 'descend' : null;

export function DataTable<T extends { id: Key }>({
  endpoint,
  columns,
  filters = [],
  fixedParams,
  orgFilter = false,
  searchable = true,
  searchPlaceholder,
  toolbar,
  stateKey = '',
  expandable,
  pageSizeOptions = [20, 50, 100, 200],
  ready = true,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const [state, update] = useTableState(stateKey);
  const org = useOrgFilter();

  const filterParams: Query = {};
  for (const f of filters) {
    for (const name of filterNames(f)) filterParams[name] = filterValue(state, name, f.defaultValue);
  }
  // A filter chosen on the page (a school) narrows further than the header's unit; it is sent too.
  const listParams: Query = {
    ...(orgFilter ? org : {}),
    ...Object.fromEntries(Object.entries(filterParams).filter(([, v]) => v !== undefined)),
    ...fixedParams,
    q: state.q || undefined,
    sort: state.sort,
    order: state.sort ? state.order : undefined,
  };
  const params: Query = { ...listParams, page: state.page, pageSize: state.pageSize };

  const query = useQuery({
    queryKey: listKey(endpoint, params),
    queryFn: ({ signal }) => api.get<ListAnswer<T>>(endpoint, params, signal),
    placeholderData: keepPreviousData,
    enabled: ready,
  });

  const shownColumns = columns.map((col) => {
    if (!('sorter' in col) || !col.sorter) return col;
    const field = sortField(col);
    return { ...col, sortOrder: field && field === state.sort ? toAntOrder(state.order) : null };
  });

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.column ? sortField(s.column) : undefined;
      const order = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined;
      update({ sort: order ? field : null, order: order ?? null });
    } else if (extra.action === 'paginate') {
      const sizeChanged = pagination.pageSize !== state.pageSize;
      update({ page: sizeChanged ? 1 : pagination.current, pageSize: pagination.pageSize });
    }
  };

  return (
    <>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 16 }}>
        <Flex wrap gap={8}>
          {searchable && (
            // A plain Input rather than Input.Search: its data-testid lands on the <input> itself.
            <Input
              key={state.q}
              defaultValue={state.q}
              prefix={<SearchOutlined />}
              placeholder={searchPlaceholder ?? t('table.search')}
              allowClear
              onPressEnter={(e) => update({ q: e.currentTarget.value.trim() || null })}
              onClear={() => update({ q: null })}
              style={{ width: 240 }}
              data-testid="table-search"
            />
          )}
          <TableFilters filters={filters} state={state} update={update} />
        </Flex>
        {/* marginLeft auto: the buttons stay on the right even when the filters push them to a new line */}
        {toolbar && (
          <Space wrap style={{ marginLeft: 'auto' }}>
            {toolbar(listParams)}
          </Space>
        )}
      </Flex>
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={shownColumns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching || !ready}
        expandable={expandable}
        scroll={{ x: 'max-content' }}
        onChange={onChange}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions,
          showTotal: (total) => (
            <span data-testid="table-total" data-total={total}>
              {t('table.total', { count: total })}
            </span>
          ),
        }}
        data-testid={`table-${endpoint.replaceAll('/', '-').slice(1)}`}
      />
    </>
  );
}
