import { CloudUploadOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';
import { mayImportAnything } from '../../app/permissions';

/** 数据导入: the caller's import jobs, so a long import can be left and picked up again. */
export const ioModule: AppModule = {
  key: 'io',
  titleKey: 'modules.io',
  icon: <CloudUploadOutlined />,
  // Only users who may import something have jobs to follow.
  visibleTo: (user) => mayImportAnything(user.permissions),
  pages: [
    {
      path: '/io/imports',
      titleKey: 'pages.imports',
      component: lazyPage(() => import('./ImportJobsPage'), 'ImportJobsPage'),
    },
  ],
};
