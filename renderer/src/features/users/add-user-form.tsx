import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OFFICE_ROLE_POLICY, type OfficeKind } from '../../../../shared/office';
import { useDesk } from '../../app/desk-context';
import { createUser, isSignerRole, writeFailureReason } from '../../db';
import { useDraftForm, type SessionUser } from '../session';
import {
  assignableRoles,
  emptyUserDraft,
  toNewUser,
  userDraftErrors,
  type UserDraft,
} from './user-draft';
import { UserDraftFields } from './user-draft-fields';

/**
 * A new colleague at this desk, added by the manager who is logged in (the registration names them);
 * a signer (akim, district head) gets a key pair wrapped by their PIN.
 */
export function AddUserForm({
  kind,
  manager,
  activeNames,
  onDone,
  onCancel,
}: {
  kind: OfficeKind;
  manager: SessionUser;
  activeNames: readonly string[];
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { db, clock } = useDesk();
  const [failed, setFailed] = useState<string | null>(null);
  const { register, handleSubmit, setError, clearErrors, setValue, control, formState } =
    useDraftForm<UserDraft>(
      { defaultValues: emptyUserDraft(OFFICE_ROLE_POLICY[kind].staff) },
      undefined,
      ['pin', 'pinRepeat'],
    );
  const role = useWatch({ control, name: 'role' });
  const name = useWatch({ control, name: 'name' });
  const errors = Object.fromEntries(
    Object.entries(formState.errors).map(([key, error]) => [key, error?.message]),
  ) as Partial<Record<keyof UserDraft, string>>;

  const submit = handleSubmit(async (values) => {
    setFailed(null);
    const problems = userDraftErrors(values, activeNames, kind);
    const keys = Object.keys(problems) as (keyof UserDraft)[];
    if (keys.length > 0) {
      for (const key of keys) setError(key, { message: problems[key] });
      return;
    }
    try {
      const user = await createUser(db, toNewUser(values), {
        nowMs: clock.nowMs(),
        by: manager.id,
      });
      onDone(user.name);
    } catch (error) {
      console.error('Adding a user failed', error);
      const reason = writeFailureReason(error);
      // A full disk or a closed database says so; anything else keeps this form's own words.
      setFailed(reason === 'common:writeErrors.unknown' ? 'users:add.failed' : reason);
    }
  });

  return (
    <form
      className="card users-add"
      onSubmit={submit}
      noValidate
      aria-labelledby="users-add-heading"
    >
      <h2 id="users-add-heading">{t('users:add.heading')}</h2>
      <UserDraftFields
        idPrefix="users-add"
        field={(key) => register(key)}
        errors={errors}
        roles={assignableRoles(kind)}
        signer={isSignerRole(role)}
        name={name}
        onFixName={(fixed) => {
          setValue('name', fixed, { shouldDirty: true });
          clearErrors('name');
        }}
      />
      {failed && (
        <p className="users-field-error" role="alert">
          {t(failed)}
        </p>
      )}
      <div className="users-actions">
        <button type="submit" className="users-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('users:add.working') : t('users:add.submit')}
        </button>
        <button type="button" className="users-secondary" onClick={onCancel}>
          {t('users:add.cancel')}
        </button>
      </div>
    </form>
  );
}
