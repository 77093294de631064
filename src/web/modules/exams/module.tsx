import { BarChartOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 学业质量监测 (Exam quality): one page; an exam's reports open from its list (drill-down state in the URL). */
export const examsModule: AppModule = {
  key: 'exams',
  titleKey: 'exams.title',
  icon: <BarChartOutlined />,
  pages: [
    { path: '/exams', titleKey: 'exams.list', component: lazyPage(() => import('./ExamsPage'), 'ExamsPage') },
    {
      path: '/exams/settings',
      titleKey: 'exams.settings',
      component: lazyPage(() => import('./SettingsPage'), 'ExamSettingsPage'),
      // the county's defaults, weights and privacy: its 教育局管理员 (the server checks too)
      visibleTo: (user) => user.permissions.manageCounty,
    },
  ],
};
