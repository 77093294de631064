import type { TableColumnsType } from 'antd';
import { type Key, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import type { FieldDef, FormValues } from '../../ui/form-fields';
import { Page } from '../../ui/Page';
import { actionsColumn, RowActions } from '../../ui/RowActions';
import type { FilterDef } from '../../ui/TableFilters';

/**
 * A teaching-routine record list with its create/edit drawer: the list filters by the header's unit and the page's
 * filters, rows the caller may change get edit/remove links (the server checks again).
 */
export function RecordPage<T extends { id: Key }>(props: {
  title: string;
  endpoint: string;
  columns: TableColumnsType<T>;
  fields: FieldDef[];
  filters?: FilterDef[];
  defaults?: FormValues;
  mayCreate: boolean;
  mayEdit: (row: T) => boolean;
  orgFilter?: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  return (
    <Page title={props.title}>
      <DataTable<T>
        endpoint={props.endpoint}
        orgFilter={props.orgFilter ?? true}
        searchable={false}
        filters={props.filters}
        toolbar={() => (props.mayCreate ? <CreateButton onClick={() => setEditing(null)} /> : null)}
        columns={[
          ...props.columns,
          ...actionsColumn<T>(t('common.actions'), true, (row) =>
            props.mayEdit(row) ? (
              <RowActions endpoint={props.endpoint} id={Number(row.id)} onEdit={() => setEditing(Number(row.id))} />
            ) : null,
          ),
        ]}
      />
      <EntityForm
        endpoint={props.endpoint}
        id={editing}
        title={`${editing ? t('activities.records.edit') : t('activities.records.add')} · ${props.title}`}
        fields={props.fields}
        defaults={props.defaults}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
