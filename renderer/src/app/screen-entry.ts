import type { ComponentType } from 'react';
import type { CaseRole } from '../../../shared/case';

/** A screen in the navigation; only screens that exist are listed, and only for the roles given. */
export interface ScreenEntry {
  path: string;
  titleKey: string;
  Component: ComponentType;
  roles: readonly CaseRole[];
  /** A count beside the link (what waits for the person there); renders nothing when none waits. */
  Badge?: ComponentType<{ id: string }>;
}

/** A route that is not in the navigation (a case page, a print view). */
export interface RouteEntry {
  path: string;
  Component: ComponentType;
}

export const ALL_ROLES: readonly CaseRole[] = [
  'specialist',
  'akim',
  'districtSpecialist',
  'districtHead',
  'admin',
];
