/**
 * The UI language: i18next for our strings, antd's locale for its built-in texts (pagination, pickers),
 * dayjs for dates. One switch changes all three and remembers the choice on this browser; the auth context
 * additionally stores it on the account (PATCH /auth/me) so it follows the user to other machines.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import i18n, { LOCALE_STORAGE_KEY } from './i18n';
import type { Locale } from './types';

interface LocaleValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleValue | null>(null);

function applyLocale(locale: Locale): void {
  void i18n.changeLanguage(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
    applyLocale(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale) => {
    applyLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  return (
    <LocaleContext value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext>
  );
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}
