import { ReadOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 教学常规与教研: lesson observations, quota compliance and the teaching-routine records. */
export const activitiesModule: AppModule = {
  key: 'activities',
  titleKey: 'activities.title',
  icon: <ReadOutlined />,
  pages: [
    {
      path: '/activities/observe',
      titleKey: 'activities.pages.observe',
      component: lazyPage(() => import('./ObservePage'), 'ObservePage'),
      visibleTo: (user) => user.staffId != null,
    },
    {
      path: '/activities/observations',
      titleKey: 'activities.pages.observations',
      component: lazyPage(() => import('./ObservationsPage'), 'ObservationsPage'),
    },
    {
      path: '/activities/compliance',
      titleKey: 'activities.pages.compliance',
      component: lazyPage(() => import('./CompliancePage'), 'CompliancePage'),
    },
    {
      path: '/activities/quota-rules',
      titleKey: 'activities.pages.quotaRules',
      component: lazyPage(() => import('./QuotaRulesPage'), 'QuotaRulesPage'),
    },
  ],
};
