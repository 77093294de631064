import { AppstoreOutlined } from '@ant-design/icons';
import type { AppModule } from '../../app/module-registry';

/** 学业质量监测 (Exam quality). A module whose pages are all hidden is hidden from the sidebar. */
export const examsModule: AppModule = {
  key: 'exams',
  titleKey: 'exams.title',
  icon: <AppstoreOutlined />,
  pages: [],
};
