import { SettingOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 系统管理: accounts with their role grants (for whoever manages accounts), the audit log, the working-day calendar. */
export const adminModule: AppModule = {
  key: 'admin',
  titleKey: 'modules.admin',
  icon: <SettingOutlined />,
  pages: [
    {
      path: '/admin/users',
      titleKey: 'pages.users',
      component: lazyPage(() => import('./UsersPage'), 'UsersPage'),
      visibleTo: (user) => user.permissions.manageAccounts,
    },
    {
      path: '/admin/audit',
      titleKey: 'pages.audit',
      component: lazyPage(() => import('./AuditPage'), 'AuditPage'),
      visibleTo: (user) => user.permissions.readAudit,
    },
    {
      path: '/admin/calendar',
      titleKey: 'admin.calendar.title',
      component: lazyPage(() => import('./CalendarPage'), 'CalendarPage'),
    },
  ],
};
