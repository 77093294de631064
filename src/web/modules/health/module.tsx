import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 学生健康 (Student health). A module whose pages are all hidden is hidden from the sidebar. */
export const healthModule: AppModule = {
  key: 'health',
  titleKey: 'health.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
