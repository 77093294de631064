import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { AppModule } from '../module-registry';

/** `/org/students` → `nav-org-students`: stable ids for the browser tests. */
function navTestId(path: string): string {
  return `nav${path.replaceAll('/', '-')}`;
}

export function SideMenu({ modules }: { modules: AppModule[] }) {
  const { t } = useTranslation();
  const location = useLocation();

  const items: MenuProps['items'] = modules.map((m) => ({
    key: m.key,
    icon: m.icon,
    label: t(m.titleKey),
    children: m.pages.map((p) => ({
      key: p.path,
      label: (
        <Link to={p.path} data-testid={navTestId(p.path)}>
          {t(p.titleKey)}
        </Link>
      ),
    })),
  }));

  return (
    <div data-testid="sidebar">
      <Menu
        theme="dark"
        mode="inline"
        items={items}
        selectedKeys={[location.pathname]}
        defaultOpenKeys={modules.map((m) => m.key)}
      />
    </div>
  );
}
