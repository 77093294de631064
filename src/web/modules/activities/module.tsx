import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 教学常规与教研 (Teaching routine). A module whose pages are all hidden is hidden from the sidebar. */
export const activitiesModule: AppModule = {
  key: 'activities',
  titleKey: 'activities.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
