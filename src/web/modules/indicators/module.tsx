import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 方案与指标 (Plans & indicators). A module whose pages are all hidden is hidden from the sidebar. */
export const indicatorsModule: AppModule = {
  key: 'indicators',
  titleKey: 'indicators.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
