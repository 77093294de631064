import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../common/org/enums';
import { isGrantableRole, missingScopeFields } from '../../../common/org/role-scope';
import { api, errorMessage } from '../../app/api';
import type { AdminRoleGrant, AdminUser, RoleGrant } from '../../app/types';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { useEnums } from '../../ui/enums';
import type { FieldDef, FormValues } from '../../ui/form-fields';
import { Page } from '../../ui/Page';
import { invalidateEntity } from '../../ui/query-keys';
import { RowActions } from '../../ui/RowActions';
import { staffSource } from '../org/lookups';
import { ResetPasswordModal } from './ResetPasswordModal';
import { type GrantInput, RoleGrantsInput } from './RoleGrantsInput';

const ENDPOINT = '/admin/users';

/** The form edits grants without the server-made label; the API takes them in this shape. */
function toGrantInputs(roles: RoleGrant[]): GrantInput[] {
  return roles
    .filter((r) => isGrantableRole(r.role))
    .map((r) => ({
      role: r.role as GrantInput['role'],
      regionId: r.regionId,
      schoolId: r.schoolId,
      gradeLevel: r.gradeLevel,
      subjectId: r.subjectId,
    }));
}

/** 账号管理: accounts, their role grants with scope, unlocking and password resets. */
export function UsersPage() {
  const { t } = useTranslation();
  const { label, options } = useEnums();
  const roleOptions = options(ROLES).filter((o) => isGrantableRole(o.value));
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  const unlock = async (user: AdminUser) => {
    try {
      await api.post(`${ENDPOINT}/${user.id}/unlock`);
      await invalidateEntity(queryClient, ENDPOINT);
      message.success(t('users.unlocked'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  // When no password was typed the server makes one and answers it once as `initialPassword`.
  const showInitialPassword = (saved: FormValues) => {
    if (typeof saved.initialPassword !== 'string') return;
    modal.success({
      title: t('users.initialPasswordTitle'),
      content: (
        <Typography.Paragraph>
          {t('auth.username')}: {String(saved.username)}
          <br />
          {t('users.initialPassword')}:{' '}
          <Typography.Text code copyable data-testid="initial-password">
            {saved.initialPassword}
          </Typography.Text>
        </Typography.Paragraph>
      ),
    });
  };

  const grantsRule = {
    validator: (_: unknown, grants: GrantInput[] | undefined) => {
      for (const g of grants ?? []) {
        if (!g.role || missingScopeFields(g.role, g).length)
          return Promise.reject(new Error(t('users.grantIncomplete')));
      }
      return Promise.resolve();
    },
  };

  const fields: FieldDef[] = [
    { name: 'username', label: t('auth.username'), required: true, maxLength: 40, lockedOnEdit: true },
    { name: 'displayName', label: t('users.displayName'), required: true, maxLength: 40 },
    {
      name: 'password',
      label: t('users.initialPassword'),
      kind: 'password',
      createOnly: true,
      help: t('users.initialPasswordHelp'),
    },
    {
      name: 'staffId',
      label: t('users.staff'),
      kind: 'remote',
      remote: () => staffSource(),
      help: t('users.staffHelp'),
    },
    {
      name: 'locale',
      label: t('users.locale'),
      kind: 'select',
      required: true,
      options: [
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ],
    },
    { name: 'disabled', label: t('users.disabled'), kind: 'switch', visible: (_, mode) => mode === 'edit' },
    { name: 'roles', label: t('users.roles'), kind: 'custom', input: <RoleGrantsInput />, rules: [grantsRule] },
  ];

  return (
    <Page title={t('pages.users')}>
      <DataTable<AdminUser>
        endpoint={ENDPOINT}
        searchPlaceholder={t('users.search')}
        filters={[
          { kind: 'select', name: 'role', label: t('users.role'), options: roleOptions, width: 180 },
          { kind: 'school', name: 'schoolId', label: t('fields.school') },
        ]}
        toolbar={() => <CreateButton onClick={() => setEditing(null)} />}
        columns={[
          { title: t('auth.username'), dataIndex: 'username', sorter: true },
          { title: t('users.displayName'), dataIndex: 'displayName', sorter: true },
          { title: t('users.staff'), dataIndex: 'staffName', sorter: true },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            // 督学 of five schools is five grants: each tag names its scope, or they all look alike.
            render: (roles: AdminRoleGrant[]) =>
              roles.length ? (
                <Flex wrap gap={4} style={{ maxWidth: 420 }}>
                  {roles.map((r) => (
                    <Tag
                      key={`${r.role}:${r.regionId}:${r.schoolId}:${r.gradeLevel}:${r.subjectId}`}
                      style={{ margin: 0 }}
                    >
                      {r.label || label(ROLES, r.role)}
                      {r.scopeName ? ` · ${r.scopeName}` : ''}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
              ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            sorter: true,
            render: (v: string | null) =>
              v ? (
                dayjs(v).format('YYYY-MM-DD HH:mm')
              ) : (
                <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
              ),
          },
          {
            title: t('fields.status'),
            key: 'status',
            render: (_, u) => (
              <Space size={4} wrap>
                {u.disabled && <Tag>{t('users.disabledTag')}</Tag>}
                {u.locked && <Tag color="red">{t('users.lockedTag')}</Tag>}
                {!u.disabled && !u.locked && <Tag color="green">{t('users.activeTag')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('users.mustChangeTag')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, u) => (
              <RowActions endpoint={ENDPOINT} id={u.id} onEdit={() => setEditing(u.id)} archivable={false}>
                {u.locked && (
                  <Button type="link" size="small" onClick={() => void unlock(u)} data-testid="user-unlock">
                    {t('users.unlock')}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setResetting(u)} data-testid="user-reset-password">
                  {t('users.resetPassword')}
                </Button>
              </RowActions>
            ),
          },
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('users.edit') : t('users.add')}
        fields={fields}
        width={720}
        defaults={{ locale: 'zh-CN', roles: [] }}
        toForm={(u: FormValues) => ({ ...u, roles: toGrantInputs((u.roles as RoleGrant[] | undefined) ?? []) })}
        onSaved={showInitialPassword}
        onClose={() => setEditing(undefined)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Page>
  );
}
