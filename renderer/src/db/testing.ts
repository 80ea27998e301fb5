// Helpers for the desk's data tests. Not part of the barrel: import from './testing'.
import type { Actor } from '../../../shared/case';
import type { DeskDatabase, UserRow } from './database';

/** A user row for an actor, so the store accepts the actor's acts (it checks who acts). */
export function userRowFor(actor: Actor, name = actor.userId): UserRow {
  return {
    id: actor.userId,
    name,
    role: actor.role,
    pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '', hash: actor.userId },
    signingKey: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    active: true,
  };
}

/** Registers the actors as active users of the desk (a user already there is left as it is). */
export async function seedActors(db: DeskDatabase, ...actors: readonly Actor[]): Promise<void> {
  for (const actor of actors) {
    if (!(await db.users.get(actor.userId))) await db.users.add(userRowFor(actor));
  }
}
