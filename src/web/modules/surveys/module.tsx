import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 满意度与诉求 (Surveys & concerns). A module whose pages are all hidden is hidden from the sidebar. */
export const surveysModule: AppModule = {
  key: 'surveys',
  titleKey: 'surveys.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
