/**
 * i18next set up once, synchronously (the resources are bundled), so the first render is already translated.
 * zh-CN is the source language; en must have exactly the same keys (the compiler checks, see en.ts).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../types';
import en from './en';
import zhCN from './zh-CN';

export const LOCALE_STORAGE_KEY = 'tisheng.locale';

/** The locale chosen before sign-in (or last used on this browser); zh-CN unless the user picked English. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  initAsync: false,
  // React escapes what it renders; escaping here too would show &amp; in school names.
  interpolation: { escapeValue: false },
});

export default i18n;
