/**
 * The shape of a module entry. The sidebar and the routes are both built from the MODULES array
 * (src/web/app/modules.ts), so a new module is one file exporting an AppModule and one line there.
 */
import type { ParseKeys } from 'i18next';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { User } from './types';

export interface ModulePage {
  /** Absolute path, e.g. `/org/students`. */
  path: string;
  titleKey: ParseKeys;
  component: LazyExoticComponent<ComponentType>;
  /** Hides the page (menu entry and route) from users who could not use it; the server still checks. */
  visibleTo?: (user: User) => boolean;
}

export interface AppModule {
  key: string;
  titleKey: ParseKeys;
  icon: ReactNode;
  pages: ModulePage[];
  /** Hides the module from users who could not use it anyway; the server still checks every call. */
  visibleTo?: (user: User) => boolean;
}

/**
 * React.lazy for a named export, so each page is its own chunk loaded on first visit and page files keep
 * named exports like the rest of the code.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
