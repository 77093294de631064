import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type AdminUser, type AuditEntry, IMPORT_KINDS, type ImportKind } from '../../app/types';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { AuditDiff } from './AuditDiff';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, isAuditAction, isAuditEntity } from './audit-labels';

const isImportKind = (v: string): v is ImportKind => (IMPORT_KINDS as readonly string[]).includes(v);

const userSource = {
  endpoint: '/admin/users',
  label: (u: AdminUser) => `${u.displayName}（${u.username}）`,
};

/** 操作日志: who changed what and when; every write and every export is logged by the server. */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.audit')}>
      <DataTable<AuditEntry>
        endpoint="/admin/audit"
        searchable={false}
        filters={[
          // Free text with suggestions: the codes are open-ended (every module adds its own).
          {
            kind: 'text',
            name: 'entity',
            label: t('audit.entity'),
            width: 160,
            suggestions: AUDIT_ENTITIES.map((v) => ({ value: v, label: `${t(`auditEntities.${v}`)} (${v})` })),
          },
          {
            kind: 'text',
            name: 'action',
            label: t('audit.action'),
            width: 140,
            suggestions: AUDIT_ACTIONS.map((v) => ({ value: v, label: `${t(`auditActions.${v}`)} (${v})` })),
          },
          { kind: 'remote', name: 'userId', label: t('audit.user'), source: () => userSource, width: 180 },
          { kind: 'dateRange', names: ['from', 'to'], label: t('audit.date') },
        ]}
        expandable={{
          expandedRowRender: (row) => <AuditDiff before={row.before} after={row.after} />,
          rowExpandable: (row) => row.before != null || row.after != null,
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.user'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => (isAuditAction(v) ? t(`auditActions.${v}`) : v),
          },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            // Imports and exports are logged under their kind (`students`, `teaching-assignments`).
            render: (v: string) =>
              isAuditEntity(v) ? t(`auditEntities.${v}`) : isImportKind(v) ? t(`importKinds.${v}`) : v,
          },
          { title: t('audit.entityId'), dataIndex: 'entityId' },
          { title: t('audit.summary'), dataIndex: 'summary' },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]}
      />
    </Page>
  );
}
