import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortFingerprint } from '../../../../shared/signing';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { OFFICE_ROLE_POLICY } from '../../../../shared/office';
import {
  deactivateUser,
  listUsers,
  managesUsers,
  reactivateUser,
  useLive,
  type UserRow,
  attemptWrite,
} from '../../db';
import { localDateTimeAt } from '../../platform';
import {
  ChangePinDialog,
  DraftScopeContext,
  ModalDialog,
  useFormHost,
  type SessionUser,
} from '../session';
import { AddUserForm } from './add-user-form';
import { ResetPinDialog } from './reset-pin-dialog';
import './users.css';

type Dialog =
  | { kind: 'changeOwnPin' }
  | { kind: 'reset'; user: UserRow }
  | { kind: 'deactivate'; user: UserRow };

/** /users: who works on this desk, who can sign, adding people, deactivating, new PINs. */
export function UsersScreen() {
  const { t } = useTranslation();
  const me = useAppSelector((s) => s.session.user);
  if (!me || !managesUsers(me.role)) {
    return (
      <section className="screen">
        <h1>{t('users:title')}</h1>
        <p role="alert">{t('users:notAllowed')}</p>
      </section>
    );
  }
  return <UsersManager me={me} />;
}

function UsersManager({ me }: { me: SessionUser }) {
  const { t } = useTranslation();
  const { db, clock, office } = useDesk();
  const kind = office?.kind ?? 'akimat';
  const users = useLive(() => listUsers(db), [db]);
  // The new colleague's form keeps its draft (not the PIN) over a quick user switch (session drafts).
  const addForm = useFormHost<'add'>(() => 'users:add', ['add']);
  const adding = addForm.open !== null;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const activeNames = (users ?? []).filter((u) => u.active).map((u) => u.name);

  const reactivate = async (user: UserRow) => {
    const result = await attemptWrite(() => reactivateUser(db, user.id, me.id, clock.nowMs()));
    setNotice(
      result.ok ? t('users:deactivate.reactivated', { name: user.name }) : t(result.reason),
    );
  };

  return (
    <section className="screen users-screen">
      <div className="users-heading">
        <h1>{t('users:title')}</h1>
        {!adding && (
          <button
            type="button"
            className="users-primary"
            onClick={() => {
              setNotice(null);
              addForm.show('add');
            }}
          >
            {t('users:actions.add')}
          </button>
        )}
      </div>
      <p className="users-intro">{t('users:intro')}</p>
      <p className="users-intro">{t('users:pinPolicy')}</p>
      {notice && (
        <p className="users-notice" role="status">
          {notice}
        </p>
      )}
      {adding && (
        <DraftScopeContext.Provider value={addForm.scope('add', 'users:add.unsavedWork')}>
          {addForm.restored && (
            <p className="users-notice" role="status">
              {t('users:add.restored')}
            </p>
          )}
          <AddUserForm
            kind={kind}
            manager={me}
            activeNames={activeNames}
            onCancel={addForm.close}
            onDone={(name) => {
              addForm.close();
              setNotice(t('users:add.done', { name }));
            }}
          />
        </DraftScopeContext.Provider>
      )}
      <div className="card users-table-card">
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">{t('users:columns.name')}</th>
              <th scope="col">{t('users:columns.role')}</th>
              <th scope="col">{t('users:columns.signing')}</th>
              <th scope="col">{t('users:columns.status')}</th>
              <th scope="col">{t('users:columns.createdAt')}</th>
              <th scope="col">{t('users:columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((user) => (
              <tr key={user.id} className={user.active ? undefined : 'users-inactive'}>
                <th scope="row">
                  {user.name}
                  {user.id === me.id && <span className="users-you"> ({t('users:you')})</span>}
                </th>
                <td>{t(`users:roles.${user.role}`)}</td>
                <td>
                  {user.signingKey ? (
                    <code
                      className="users-fingerprint"
                      title={t('users:keyTitle', { fingerprint: user.signingKey.keyId })}
                    >
                      {shortFingerprint(user.signingKey.keyId)}
                    </code>
                  ) : (
                    <span className="users-muted">{t('users:noKey')}</span>
                  )}
                </td>
                <td>{t(user.active ? 'users:status.active' : 'users:status.inactive')}</td>
                <td>{formatDate(localDateTimeAt(Date.parse(user.createdAt)).slice(0, 10))}</td>
                <td className="users-row-actions">
                  <div>
                    {user.id === me.id ? (
                      <button type="button" onClick={() => setDialog({ kind: 'changeOwnPin' })}>
                        {t('users:actions.changeOwnPin')}
                      </button>
                    ) : user.active ? (
                      <>
                        <button type="button" onClick={() => setDialog({ kind: 'reset', user })}>
                          {t('users:actions.resetPin')}
                        </button>
                        <button
                          type="button"
                          onClick={() => setDialog({ kind: 'deactivate', user })}
                        >
                          {t('users:actions.deactivate')}
                        </button>
                      </>
                    ) : (
                      <button type="button" onClick={() => void reactivate(user)}>
                        {t('users:actions.reactivate')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {dialog?.kind === 'changeOwnPin' && <ChangePinDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && (
        <ResetPinDialog
          user={dialog.user}
          manager={me}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateDialog
          user={dialog.user}
          me={me}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      )}
    </section>
  );
}

function DeactivateDialog({
  user,
  me,
  onClose,
  onDone,
}: {
  user: UserRow;
  me: SessionUser;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { db, clock, office } = useDesk();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const head = OFFICE_ROLE_POLICY[office?.kind ?? 'akimat'].head;

  const confirm = async () => {
    setBusy(true);
    const result = await attemptWrite(() => deactivateUser(db, user.id, me.id, clock.nowMs()));
    setBusy(false);
    if (result.ok) onDone(t('users:deactivate.done', { name: user.name }));
    else setRefusal(result.reason);
  };

  return (
    <ModalDialog title={t('users:deactivate.heading')} onDismiss={onClose}>
      <p>{t('users:deactivate.confirm', { name: user.name })}</p>
      {refusal && (
        <p className="users-field-error" role="alert">
          {t(refusal, { role: t(`users:roles.${head}`) })}
        </p>
      )}
      <div className="users-actions">
        <button
          type="button"
          className="users-danger"
          disabled={busy || refusal !== null}
          onClick={() => void confirm()}
        >
          {t('users:deactivate.submit')}
        </button>
        <button type="button" className="users-secondary" data-autofocus onClick={onClose}>
          {t('users:deactivate.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
