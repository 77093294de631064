import { Grid, Layout, Spin, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../../modules/notifications/NotificationBell';
import { OrgPicker } from '../../ui/OrgPicker';
import type { AppModule } from '../module-registry';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: module menu on the left, unit picker and account on top, the page in between. */
export function AppLayout({ modules }: { modules: AppModule[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  // Phones (school staff at home, in WeChat): the menu folds away completely and the header gets compact.
  // (Unknown until the first measurement: not narrow, so a desktop never starts with a folded menu.)
  const narrow = Grid.useBreakpoint().md === false;
  // On a phone the open menu covers the page: fold it once the user has picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation, not when `narrow` changes
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [location.pathname]);

  const page = modules.flatMap((m) => m.pages).find((p) => p.path === location.pathname);
  const pageTitle = page ? t(page.titleKey) : '';
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${t('app.name')}` : t('app.name');
  }, [pageTitle, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Sticky and as tall as the window: the menu stays in view while a long list scrolls. */}
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        collapsedWidth={narrow ? 0 : 80}
        // In the header row on phones (the header leaves room for it); overflow would clip it there.
        zeroWidthTriggerStyle={{ top: 12 }}
        style={{ position: 'sticky', top: 0, height: '100vh', overflowY: narrow ? undefined : 'auto', zIndex: 20 }}
      >
        <div
          style={{
            color: '#fff',
            fontSize: collapsed ? 16 : 18,
            fontWeight: 600,
            padding: '16px 0',
            textAlign: 'center',
            whiteSpace: 'nowrap',
          }}
        >
          {collapsed ? t('app.short') : t('app.name')}
        </div>
        <SideMenu modules={modules} />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 8px 0 48px' : '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: narrow ? 4 : 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <OrgPicker compact={narrow} />
          <div style={{ flex: narrow ? 0 : 1 }} />
          <NotificationBell />
          <LanguageSwitch compact={narrow} />
          <UserMenu compact={narrow} />
        </Header>
        <Content style={{ margin: narrow ? 8 : 16 }}>
          {/* keyed by path: an error on one page must not stick when the user navigates away */}
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
