import { useCallback } from 'react';
import type { ActingAs, CaseRole } from '../../../../shared/case';
import type { OfficeProfile } from '../../../../shared/office';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import type { ActContext } from '../../db';

/**
 * Builds the context of an act (who, where, when) at the moment of the act. Returns null when nobody
 * is logged in or the office is not set up, so a screen can never save an anonymous event.
 */
export function useActContext(): (() => ActContext) | null {
  const user = useAppSelector((s) => s.session.user);
  const { clock, office } = useDesk();
  const make = useCallback((): ActContext => {
    if (!user || !office) throw new Error('act without a user or an office');
    return actContextFor(user, office, clock.nowMs(), clock.nowLocal());
  }, [user, office, clock]);
  return user && office ? make : null;
}

export function actContextFor(
  user: { id: string; role: CaseRole },
  office: OfficeProfile,
  nowMs: number,
  legalTime: string,
): ActContext {
  return {
    actor: {
      userId: user.id,
      role: user.role,
      officeId: office.officeId,
      districtId: office.districtId,
      deviceId: office.deviceId,
    },
    legalTime,
    nowMs,
    newId: () => crypto.randomUUID(),
  };
}

/** Who a role acts as at this desk's office: the place the transition table checks. */
export function actingAs(role: CaseRole, office: OfficeProfile): ActingAs {
  return { role, officeId: office.officeId, districtId: office.districtId };
}

/** The logged-in user as the transition table sees them; null when nobody is logged in. */
export function useActingAs(): ActingAs | null {
  const user = useAppSelector((s) => s.session.user);
  const { office } = useDesk();
  return user && office ? actingAs(user.role, office) : null;
}
