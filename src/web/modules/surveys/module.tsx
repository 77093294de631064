import { SmileOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 满意度与诉求 (Surveys & concerns). A module whose pages are all hidden is hidden from the sidebar. */
export const surveysModule: AppModule = {
  key: 'surveys',
  titleKey: 'surveys.title',
  icon: <SmileOutlined />,
  pages: [
    {
      path: '/surveys/campaigns',
      titleKey: 'surveys.pages.campaigns',
      component: lazyPage(() => import('./CampaignsPage'), 'CampaignsPage'),
    },
    {
      path: '/surveys/cases',
      titleKey: 'surveys.pages.cases',
      component: lazyPage(() => import('./CasesPage'), 'CasesPage'),
    },
    {
      path: '/surveys/case-rules',
      titleKey: 'surveys.pages.caseRules',
      component: lazyPage(() => import('./CaseRulesPage'), 'CaseRulesPage'),
    },
    {
      path: '/surveys/definitions',
      titleKey: 'surveys.pages.definitions',
      component: lazyPage(() => import('./DefinitionsPage'), 'DefinitionsPage'),
    },
  ],
};
