import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/ipc';
import type { EnrollmentCodeReply, RegistryOffice } from '../../../../shared/sync';
import { formatDateTime } from '../../../../shared/time';
import { localDateTimeAt } from '../../platform';
import { makeEnrollmentCode, type AdminContext, type AdminFailure } from './admin-client';
import {
  codeGroups,
  readHours,
  registryOfficeName,
  type CodeRow,
  type OfficeRow,
} from './registry-view';
import { useFailureText } from './use-admin';

const at = (ms: number) => formatDateTime(localDateTimeAt(ms));

/**
 * One-time enrollment codes: per office a button that makes one (valid for the hours typed, 72 by
 * default), and the recent codes in their state. The new code goes to `onMade`: the screen shows it
 * (NewCodePanel) apart from the registry, so a registry read that fails after it cannot hide it.
 */
export function CodesSection({
  offices,
  codes,
  nameOf,
  context,
  onMade,
}: {
  offices: readonly OfficeRow[];
  codes: readonly CodeRow[];
  /** An office's name in the reader's language, by id. */
  nameOf: (officeId: string) => string;
  context: () => Promise<AdminContext>;
  onMade: (made: NewCode) => void;
}) {
  const { t } = useTranslation('districtAdmin');
  const failureText = useFailureText();
  const [hours, setHours] = useState('');
  const [hoursError, setHoursError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<AdminFailure | null>(null);

  const make = async (officeId: string) => {
    setFailed(null);
    const reading = readHours(hours);
    if (!reading.ok) {
      setHoursError(reading.message);
      return;
    }
    setHoursError(null);
    setBusy(officeId);
    const result = await makeEnrollmentCode(await context(), { officeId, hours: reading.hours });
    setBusy(null);
    if (!result.ok) {
      setFailed(result);
      return;
    }
    const office = offices.find((row) => row.office.id === result.value.officeId)?.office ?? null;
    onMade({ reply: result.value, office });
  };

  return (
    <>
      <div className="district-admin-field district-admin-hours">
        <label htmlFor="district-admin-hours">{t('codes.hours')}</label>
        <input
          id="district-admin-hours"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="72"
          value={hours}
          aria-invalid={hoursError ? true : undefined}
          aria-describedby={
            hoursError
              ? 'district-admin-hours-error district-admin-hours-hint'
              : 'district-admin-hours-hint'
          }
          onChange={(e) => setHours(e.target.value)}
        />
        <p className="district-admin-hint" id="district-admin-hours-hint">
          {t('codes.hoursHint')}
        </p>
        {hoursError && (
          <p className="district-admin-error" id="district-admin-hours-error" role="alert">
            {t(hoursError)}
          </p>
        )}
      </div>
      {failed && (
        <p className="district-admin-error" role="alert">
          {failureText(failed)}
        </p>
      )}
      <div className="card district-admin-table-card">
        <table className="district-admin-table">
          <thead>
            <tr>
              <th scope="col">{t('codes.columns.office')}</th>
              <th scope="col">{t('codes.columns.action')}</th>
            </tr>
          </thead>
          <tbody>
            {offices.map(({ office }) => (
              <tr key={office.id}>
                <th scope="row">
                  {nameOf(office.id)}
                  <span className="district-admin-hint"> {office.code}</span>
                </th>
                <td>
                  <button
                    type="button"
                    disabled={busy !== null}
                    onClick={() => void make(office.id)}
                  >
                    {busy === office.id ? t('codes.making') : t('codes.make')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('codes.recent.heading')}</h3>
      <RecentCodes codes={codes} nameOf={nameOf} />
    </>
  );
}

/**
 * A code the hub just made, with the registry's entry of the office it is for (null: the registry
 * read did not list it), named in the reader's language whenever the panel is drawn.
 */
export interface NewCode {
  readonly reply: EnrollmentCodeReply;
  readonly office: Pick<RegistryOffice, 'code' | 'nameKk' | 'nameRu'> | null;
}

/**
 * The new code, once: large, in groups, with its expiry, a copy button and the plain warning. The
 * hub keeps no code: once hidden, or the screen left, it is gone.
 */
export function NewCodePanel({
  made,
  language,
  fallbackName,
  onHide,
}: {
  made: NewCode;
  language: Language;
  /** A name for an office the registry did not list. */
  fallbackName: (officeId: string) => string;
  onHide: () => void;
}) {
  const { reply, office } = made;
  const officeName = office ? registryOfficeName(office, language) : fallbackName(reply.officeId);
  const { t } = useTranslation('districtAdmin');
  const panelRef = useRef<HTMLElement>(null);
  const codeRef = useRef<HTMLParagraphElement>(null);
  // The button pressed may be far down the screen: bring the code to the reader.
  useEffect(() => {
    panelRef.current?.scrollIntoView?.({ block: 'center' });
  }, []);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const groups = codeGroups(reply.code);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reply.code);
      setCopied('yes');
    } catch {
      // The desk's window may not write the clipboard: select the code so Ctrl+C copies it.
      const node = codeRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopied('no');
    }
  };

  return (
    <section
      ref={panelRef}
      className="card district-admin-new-code"
      aria-labelledby="district-admin-new-code"
    >
      <h3 id="district-admin-new-code">{t('codes.new.heading', { office: officeName })}</h3>
      <p className="district-admin-code" ref={codeRef} data-testid="new-enrollment-code">
        {groups.map((group, i) => (
          <span key={i}>
            {i > 0 && <span className="district-admin-code-dash">-</span>}
            <span className="district-admin-code-group">{group}</span>
          </span>
        ))}
      </p>
      <p>{t('codes.new.expires', { at: at(reply.expiresAtMs) })}</p>
      <p className="district-admin-warning" role="note">
        {t('codes.new.once')}
      </p>
      {copied && (
        <p
          className={copied === 'yes' ? 'district-admin-notice' : 'district-admin-hint'}
          role="status"
        >
          {t(copied === 'yes' ? 'codes.new.copied' : 'codes.new.copyFailed')}
        </p>
      )}
      <div className="district-admin-actions">
        <button type="button" className="district-admin-primary" onClick={() => void copy()}>
          {t('codes.new.copy')}
        </button>
        <button type="button" onClick={onHide}>
          {t('codes.new.hide')}
        </button>
      </div>
    </section>
  );
}

/** The registry's recent codes (never the codes themselves): state, office, made, expires, desk. */
export function RecentCodes({
  codes,
  nameOf,
}: {
  codes: readonly CodeRow[];
  nameOf: (officeId: string) => string;
}) {
  const { t } = useTranslation('districtAdmin');
  if (codes.length === 0) return <p className="district-admin-muted">{t('codes.recent.empty')}</p>;
  return (
    <div className="card district-admin-table-card">
      <table className="district-admin-table">
        <thead>
          <tr>
            <th scope="col">{t('codes.recent.columns.state')}</th>
            <th scope="col">{t('codes.recent.columns.office')}</th>
            <th scope="col">{t('codes.recent.columns.made')}</th>
            <th scope="col">{t('codes.recent.columns.expires')}</th>
            <th scope="col">{t('codes.recent.columns.device')}</th>
          </tr>
        </thead>
        <tbody>
          {codes.map(({ code, state, device }, i) => (
            <tr key={`${code.createdAtMs}-${i}`} data-testid="enrollment-code-row">
              <td>
                <span className={`district-admin-state district-admin-state-${state}`}>
                  {t(`codes.states.${state}`)}
                </span>
              </td>
              <td>{nameOf(code.officeId)}</td>
              <td>{at(code.createdAtMs)}</td>
              <td>{at(code.expiresAtMs)}</td>
              <td>
                {device
                  ? t('codes.recent.usedBy', {
                      office: nameOf(device.officeId),
                      no: device.deviceNo,
                    })
                  : code.usedByDevice !== null
                    ? code.usedByDevice
                    : '—'}
                {code.usedAtMs !== null && (
                  <div className="district-admin-hint">{at(code.usedAtMs)}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
