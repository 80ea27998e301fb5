// Who signs a document the case page signs with the PIN (the akimat's certificate, the district's
// result): the heads offered and the <select> that picks one. What must stay true:
// - Only the heads of the given kind of office who can sign are offered (signingHeads: active, with
//   a key, by name); the head's role comes from the one role policy (OFFICE_ROLE_POLICY), never
//   spelled here.
// - A head who is signed in signs for themself: the only option is their own name and no <select>
//   is shown. Anyone else at the desk picks the head who will type the PIN; until they pick, the
//   first by name signs.
import { useId, useMemo, useState } from 'react';
import type { ActorRole } from '../../../../shared/events/envelope';
import { OFFICE_ROLE_POLICY, type OfficeKind } from '../../../../shared/office';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { signingHeads, useLive, type SignerOption } from '../../db';

export interface SignerChoice {
  /** False while the desk's heads are still being read. */
  readonly loaded: boolean;
  /** The heads the signer can be chosen from: only the user when the user is a head. */
  readonly options: readonly SignerOption[];
  /** The head who will sign: the one picked, else the first option; '' when there is none. */
  readonly signerId: string;
  /** The signed-in user is the head: nothing to pick. */
  readonly selfSigning: boolean;
  readonly choose: (id: string) => void;
}

/** The options a user gets: a head only themself, anyone else every head who can sign. */
export function signerOptionsFor(
  heads: readonly SignerOption[],
  user: { readonly id: string; readonly role: ActorRole } | null,
  head: ActorRole,
): readonly SignerOption[] {
  return user?.role === head ? heads.filter((h) => h.id === user.id) : heads;
}

/** The signer of a document signed at a desk of `kind`, kept live as the desk's users change. */
export function useSignerChoice(kind: OfficeKind): SignerChoice {
  const { db } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const head = OFFICE_ROLE_POLICY[kind].head;
  const heads = useLive(() => signingHeads(db, kind), [db, kind]);
  const [chosen, setChosen] = useState('');
  const options = useMemo(() => signerOptionsFor(heads ?? [], user, head), [heads, user, head]);
  return {
    loaded: heads !== undefined,
    options,
    signerId: chosen || options[0]?.id || '',
    selfSigning: user?.role === head,
    choose: setChosen,
  };
}

/** The labelled <select> of the signer; nothing when the user signs for themself. */
export function SignerSelect({ label, choice }: { label: string; choice: SignerChoice }) {
  const id = useId();
  if (choice.selfSigning) return null;
  return (
    <div className="cp-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={choice.signerId} onChange={(e) => choice.choose(e.target.value)}>
        {choice.options.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </div>
  );
}
