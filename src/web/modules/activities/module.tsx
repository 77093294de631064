import { ReadOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 教学常规与教研: lesson observations, quota compliance and the teaching-routine records. */
export const activitiesModule: AppModule = {
  key: 'activities',
  titleKey: 'activities.title',
  icon: <ReadOutlined />,
  pages: [
    {
      path: '/activities/observe',
      titleKey: 'activities.pages.observe',
      component: lazyPage(() => import('./ObservePage'), 'ObservePage'),
      visibleTo: (user) => user.staffId != null,
    },
    {
      path: '/activities/observations',
      titleKey: 'activities.pages.observations',
      component: lazyPage(() => import('./ObservationsPage'), 'ObservationsPage'),
    },
    {
      path: '/activities/compliance',
      titleKey: 'activities.pages.compliance',
      component: lazyPage(() => import('./CompliancePage'), 'CompliancePage'),
    },
    {
      path: '/activities/open-lessons',
      titleKey: 'activities.pages.openLessons',
      component: lazyPage(() => import('./RecordPages'), 'OpenLessonsPage'),
    },
    {
      path: '/activities/preps',
      titleKey: 'activities.pages.preps',
      component: lazyPage(() => import('./RecordPages'), 'PrepsPage'),
    },
    {
      path: '/activities/groups',
      titleKey: 'activities.pages.groups',
      component: lazyPage(() => import('./RecordPages'), 'GroupsPage'),
    },
    {
      path: '/activities/research-events',
      titleKey: 'activities.pages.events',
      component: lazyPage(() => import('./RecordPages'), 'EventsPage'),
    },
    {
      path: '/activities/trainings',
      titleKey: 'activities.pages.trainings',
      component: lazyPage(() => import('./RecordPages'), 'TrainingsPage'),
    },
    {
      path: '/activities/training-courses',
      titleKey: 'activities.pages.courses',
      component: lazyPage(() => import('./RecordPages'), 'CoursesPage'),
    },
    {
      path: '/activities/mentoring',
      titleKey: 'activities.pages.mentoring',
      component: lazyPage(() => import('./RecordPages'), 'MentoringPage'),
    },
    {
      path: '/activities/home-visits',
      titleKey: 'activities.pages.homeVisits',
      component: lazyPage(() => import('./RecordPages'), 'HomeVisitsPage'),
    },
    {
      path: '/activities/homework',
      titleKey: 'activities.pages.homework',
      component: lazyPage(() => import('./HomeworkPage'), 'HomeworkPage'),
    },
    {
      path: '/activities/quality',
      titleKey: 'activities.pages.quality',
      component: lazyPage(() => import('./QualityPage'), 'QualityPage'),
    },
    {
      path: '/activities/quota-rules',
      titleKey: 'activities.pages.quotaRules',
      component: lazyPage(() => import('./QuotaRulesPage'), 'QuotaRulesPage'),
    },
  ],
};
