import { GlobalOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import type { Locale } from '../types';

// Each language is named in itself, so a user who cannot read the current one still finds theirs.
const LANGUAGES: { value: Locale; name: string }[] = [
  { value: 'zh-CN', name: '简体中文' },
  { value: 'en', name: 'English' },
];

/** `compact`: the globe only (narrow screens); the menu still names each language. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { i18n } = useTranslation();
  const { changeLocale } = useAuth();
  const { message } = App.useApp();
  const current = LANGUAGES.find((l) => l.value === i18n.language) ?? LANGUAGES[0];

  const choose = (locale: Locale) => {
    changeLocale(locale).catch((err: unknown) => message.error(errorMessage(err)));
  };

  return (
    <Dropdown
      menu={{
        items: LANGUAGES.map((l) => ({ key: l.value, label: l.name, 'data-testid': `language-${l.value}` })),
        selectedKeys: [current.value],
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" aria-label={current.name}>
        {compact ? null : current.name}
      </Button>
    </Dropdown>
  );
}
