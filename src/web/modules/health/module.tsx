import { HeartOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 学生健康 (Student health): fitness by the national standard, its reports and 补测 list, vision screening, mental-health screening (records for the named roles, counts for others). */
export const healthModule: AppModule = {
  key: 'health',
  titleKey: 'health.title',
  icon: <HeartOutlined />,
  pages: [
    {
      path: '/health/fitness',
      titleKey: 'health.pages.fitness',
      component: lazyPage(() => import('./FitnessReportPage'), 'FitnessReportPage'),
    },
    {
      path: '/health/results',
      titleKey: 'health.pages.results',
      component: lazyPage(() => import('./FitnessResultsPage'), 'FitnessResultsPage'),
    },
    {
      path: '/health/retests',
      titleKey: 'health.pages.retests',
      component: lazyPage(() => import('./FitnessResultsPage'), 'RetestsPage'),
    },
    {
      path: '/health/vision',
      titleKey: 'health.pages.vision',
      component: lazyPage(() => import('./VisionPage'), 'VisionPage'),
    },
    {
      path: '/health/mental',
      titleKey: 'health.pages.mental',
      component: lazyPage(() => import('./MentalPage'), 'MentalPage'),
    },
    {
      path: '/health/standard',
      titleKey: 'health.pages.standard',
      component: lazyPage(() => import('./StandardPage'), 'StandardPage'),
    },
  ],
};
