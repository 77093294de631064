import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 督导与整改 (Inspection & rectification). A module whose pages are all hidden is hidden from the sidebar. */
export const inspectionsModule: AppModule = {
  key: 'inspections',
  titleKey: 'inspections.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
