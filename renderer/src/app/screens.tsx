import type { ComponentType } from 'react';
import { SystemScreen } from '../features/system';

/** Only screens that exist are listed; the navigation is built from this list. */
export interface ScreenEntry {
  path: string;
  titleKey: string;
  Component: ComponentType;
}

export const SCREENS: readonly ScreenEntry[] = [
  { path: '/system', titleKey: 'system:title', Component: SystemScreen },
];
