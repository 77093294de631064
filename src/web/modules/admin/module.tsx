import { SettingOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';
import type { User } from '../../app/types';

/** Accounts and the audit log are for bureau admins and, within their school, school admins. */
function isAdmin(user: User): boolean {
  return user.roles.some((r) => r.role === 'bureau_admin' || r.role === 'school_admin');
}

/** 系统管理: accounts with their role grants, and the audit log. */
export const adminModule: AppModule = {
  key: 'admin',
  titleKey: 'modules.admin',
  icon: <SettingOutlined />,
  visibleTo: isAdmin,
  pages: [
    { path: '/admin/users', titleKey: 'pages.users', component: lazyPage(() => import('./UsersPage'), 'UsersPage') },
    { path: '/admin/audit', titleKey: 'pages.audit', component: lazyPage(() => import('./AuditPage'), 'AuditPage') },
  ],
};
