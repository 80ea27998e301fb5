import type { ComponentType } from 'react';
import type { CaseRole } from '../../../shared/case';
import type { OfficeKind } from '../../../shared/office';

/** A screen in the navigation; only screens that exist are listed, and only for the roles given. */
export interface ScreenEntry {
  path: string;
  titleKey: string;
  Component: ComponentType;
  roles: readonly CaseRole[];
  /** The kinds of office whose desks show it; absent: every kind. */
  officeKinds?: readonly OfficeKind[];
  /** A count beside the link (what waits for the person there); renders nothing when none waits. */
  Badge?: ComponentType<{ id: string }>;
}

/** Whether the navigation offers `screen` to a person of `role` on a desk of office `kind`. */
export function screenShownTo(
  screen: Pick<ScreenEntry, 'roles' | 'officeKinds'>,
  role: CaseRole | null,
  kind: OfficeKind | null,
): boolean {
  if (role === null || !screen.roles.includes(role)) return false;
  return screen.officeKinds === undefined || (kind !== null && screen.officeKinds.includes(kind));
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
