import { AuditOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';
import type { User } from '../../app/types';

/** Bureau side (督学, 督导室, 教研员, 局领导) and school side (校长, 主任) use the module; teachers do not. */
const usesInspections = (user: User) =>
  user.roles.some((r) =>
    ['bureau_admin', 'bureau_leader', 'inspector', 'researcher', 'school_admin', 'school_director'].includes(r.role),
  );
const bureau = (user: User) =>
  user.roles.some((r) => ['bureau_admin', 'bureau_leader', 'inspector', 'researcher'].includes(r.role));

/** 督导与整改 (Inspection & rectification). A module whose pages are all hidden is hidden from the sidebar. */
export const inspectionsModule: AppModule = {
  key: 'inspections',
  titleKey: 'inspections.title',
  icon: <AuditOutlined />,
  visibleTo: usesInspections,
  pages: [
    {
      path: '/inspections/visits',
      titleKey: 'inspections.pages.visits',
      component: lazyPage(() => import('./VisitsPage'), 'VisitsPage'),
    },
    {
      path: '/inspections/problems',
      titleKey: 'inspections.pages.problems',
      component: lazyPage(() => import('./ProblemsPage'), 'ProblemsPage'),
    },
    {
      path: '/inspections/templates',
      titleKey: 'inspections.pages.templates',
      component: lazyPage(() => import('./TemplatesPage'), 'TemplatesPage'),
      visibleTo: bureau,
    },
    {
      path: '/inspections/analysis',
      titleKey: 'inspections.pages.analysis',
      component: lazyPage(() => import('./AnalysisPage'), 'AnalysisPage'),
      visibleTo: bureau,
    },
    {
      path: '/inspections/settings',
      titleKey: 'inspections.pages.settings',
      component: lazyPage(() => import('./SettingsPage'), 'SettingsPage'),
      visibleTo: bureau,
    },
  ],
};
