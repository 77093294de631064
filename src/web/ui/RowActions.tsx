import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../app/api';
import type { Can } from '../app/permissions';
import { invalidateEntity } from './query-keys';

/**
 * The edit and archive links of a list row. "Delete" in this system archives (records others refer to
 * stay), and the confirmation says so.
 */
export function RowActions({
  endpoint,
  id,
  onEdit,
  archivable = true,
  archiveText,
  children,
}: {
  endpoint: string;
  id: number;
  onEdit?: () => void;
  archivable?: boolean;
  /** Wording when DELETE means "remove" for this entity rather than "archive". */
  archiveText?: { action: string; confirm: string };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const archive = async () => {
    try {
      await api.delete(`${endpoint}/${id}`);
      await invalidateEntity(queryClient, endpoint);
      message.success(archiveText ? t('common.removed') : t('common.archived'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Space size={0}>
      {onEdit && (
        <Button type="link" size="small" onClick={onEdit} data-testid="row-edit">
          {t('common.edit')}
        </Button>
      )}
      {children}
      {archivable && (
        <Popconfirm title={archiveText?.confirm ?? t('common.archiveConfirm')} onConfirm={archive}>
          <Button type="link" size="small" danger data-testid="row-archive">
            {archiveText?.action ?? t('common.archive')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/**
 * The 操作 column of a list, or no column at all when `shown` is false (a user who may change nothing on
 * this page should not get an empty column). `render` may return null for rows the user may not change.
 */
export function actionsColumn<T>(title: string, shown: boolean, render: (row: T) => ReactNode): TableColumnType<T>[] {
  return shown ? [{ title, key: 'actions', fixed: 'right', render: (_: unknown, row: T) => render(row) }] : [];
}

/**
 * The actions column of a list of one school's records (staff, classes, students, …): shown to users who manage
 * some school, with edit/archive links on the rows of the schools they manage.
 */
export function schoolActionsColumn<T extends { id: number; schoolId: number | null }>(
  title: string,
  can: Pick<Can, 'anySchool' | 'school'>,
  endpoint: string,
  onEdit: (id: number) => void,
  archiveText?: { action: string; confirm: string },
): TableColumnType<T>[] {
  return actionsColumn<T>(
    title,
    can.anySchool,
    (row) =>
      can.school(row.schoolId) && (
        <RowActions endpoint={endpoint} id={row.id} onEdit={() => onEdit(row.id)} archiveText={archiveText} />
      ),
  );
}
