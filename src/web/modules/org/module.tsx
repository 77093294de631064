import { ApartmentOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';

/** 组织与人员: the org registry every other module builds on. */
export const orgModule: AppModule = {
  key: 'org',
  titleKey: 'modules.org',
  icon: <ApartmentOutlined />,
  pages: [
    {
      path: '/org/regions',
      titleKey: 'pages.regions',
      component: lazyPage(() => import('./RegionsPage'), 'RegionsPage'),
    },
    {
      path: '/org/schools',
      titleKey: 'pages.schools',
      component: lazyPage(() => import('./SchoolsPage'), 'SchoolsPage'),
    },
    { path: '/org/terms', titleKey: 'pages.terms', component: lazyPage(() => import('./TermsPage'), 'TermsPage') },
    {
      path: '/org/subjects',
      titleKey: 'pages.subjects',
      component: lazyPage(() => import('./SubjectsPage'), 'SubjectsPage'),
    },
    { path: '/org/staff', titleKey: 'pages.staff', component: lazyPage(() => import('./StaffPage'), 'StaffPage') },
    {
      path: '/org/classes',
      titleKey: 'pages.classes',
      component: lazyPage(() => import('./ClassesPage'), 'ClassesPage'),
    },
    {
      path: '/org/teaching-assignments',
      titleKey: 'pages.teachingAssignments',
      component: lazyPage(() => import('./TeachingAssignmentsPage'), 'TeachingAssignmentsPage'),
    },
    {
      path: '/org/students',
      titleKey: 'pages.students',
      component: lazyPage(() => import('./StudentsPage'), 'StudentsPage'),
    },
    {
      path: '/org/guardians',
      titleKey: 'pages.guardians',
      component: lazyPage(() => import('./GuardiansPage'), 'GuardiansPage'),
    },
  ],
};
