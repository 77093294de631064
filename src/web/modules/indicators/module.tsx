import { AimOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 方案与指标 (Plans & indicators): plans, tasks, indicators and targets — the spine that binds every module. */
export const indicatorsModule: AppModule = {
  key: 'indicators',
  titleKey: 'indicators.title',
  icon: <AimOutlined />,
  pages: [
    {
      path: '/indicators/board',
      titleKey: 'indicators.board.title',
      component: lazyPage(() => import('./BoardPage'), 'BoardPage'),
    },
    {
      path: '/indicators/plans',
      titleKey: 'indicators.plans.title',
      component: lazyPage(() => import('./PlansPage'), 'PlansPage'),
    },
    {
      path: '/indicators/targets',
      titleKey: 'indicators.targets.title',
      component: lazyPage(() => import('./TargetsPage'), 'TargetsPage'),
    },
    {
      path: '/indicators/library',
      titleKey: 'indicators.library.title',
      component: lazyPage(() => import('./LibraryPage'), 'LibraryPage'),
    },
  ],
};
