import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canAppend, type CaseState } from '../../../../shared/case';
import { LANGUAGES } from '../../../../shared/ipc';
import type { CanonicalSignature } from '../../../../shared/signing';
import { formatDate, formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { printPath } from '../../app/paths';
import {
  CERTIFICATE_NUMBER_TAKEN,
  findTsaRecipient,
  nextCertificateNumber,
  recordCertificate,
  tsaQuarterSize,
  useLive,
  writeFailure,
  type CaseActor,
} from '../../db';
import { SignWithPinDialog } from '../akim';
import { certificateDocument } from '../documents';
import { actContextFor, actingAs } from '../session';
import { quarterLabel, quarterOf } from '../tsa-register';
import { applicantName } from './forms/result-issued-form';
import { SignerSelect, useSignerChoice } from './signer-select';

export const CERTIFICATE_SERVICE = 'asp-recipient-certificate';

export interface CertificatePanelProps {
  caseId: string;
  state: CaseState;
  actors: Record<string, CaseActor>;
}

/**
 * The certificate of belonging to TSA recipients (seed 002, R-CERT-1…3): the answer of the local
 * register for the applicant in the current quarter, and the akim's signature with the PIN, on the
 * spot. The akim may sign at the specialist's desk: the PIN proves who signs, and the event names the
 * akim as its actor.
 */
export function CertificatePanel({ caseId, state, actors }: CertificatePanelProps) {
  const { t } = useTranslation('casePage');
  const { db, clock, office } = useDesk();
  const today = clock.today();
  const quarter = quarterOf(today);
  const iin = state.applicant?.iin ?? '';
  const register = useLive(
    async () => ({
      size: await tsaQuarterSize(db, quarter),
      recipient: (await findTsaRecipient(db, iin, quarter)) ?? null,
    }),
    [db, iin, quarter],
  );
  const signer = useSignerChoice('akimat');
  const signerId = signer.signerId;
  const year = Number(today.slice(0, 4));
  const numbering = office ? { officeCode: office.code, deviceNo: office.deviceNo } : null;
  const preview = useLive(
    () => (numbering ? nextCertificateNumber(db, numbering, year) : Promise.resolve(null)),
    [db, numbering?.officeCode, numbering?.deviceNo, year],
  );
  const [signing, setSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const allowed =
    office !== null &&
    canAppend(state, 'CertificateIssued', actingAs('akim', office), { context: null }).ok;
  const result = register?.recipient ? 'belongs' : 'doesNotBelong';

  const document = useMemo(() => {
    if (!office || !preview || !register || register.size === 0 || state.caseId === null)
      return null;
    try {
      return certificateDocument(
        state,
        office,
        { result, number: preview.number, date: today, quarter },
        register.recipient,
      );
    } catch {
      return null;
    }
  }, [office, preview, register, state, result, today, quarter]);

  const onSigned = async (signature: CanonicalSignature, signedAt: LocalDateTime) => {
    if (!office || !numbering || !preview) return 'casePage:certificate.notReady';
    const ctx = actContextFor({ id: signerId, role: 'akim' }, office, clock.nowMs(), signedAt);
    const saved = await recordCertificate(
      db,
      {
        caseId,
        payload: {
          result,
          number: preview.number,
          date: today,
          documentDigest: signature.signedDigest,
          ...(document
            ? { quarter: document.quarter, familyMembers: [...document.familyMembers] }
            : {}),
        },
        signature: {
          keyId: signature.keyId,
          algorithm: signature.algorithm,
          value: signature.value,
          signedDigest: signature.signedDigest,
        },
      },
      numbering,
      ctx,
    ).catch(writeFailure); // a write the database refuses is shown in words, like a refusal
    if (saved.ok) {
      setSigning(false);
      setFailure(null);
      return null;
    }
    // A number taken meanwhile: the preview updates itself, and the akim signs the new document.
    if (saved.reason === CERTIFICATE_NUMBER_TAKEN) return CERTIFICATE_NUMBER_TAKEN;
    setSigning(false);
    setFailure(saved.reason);
    return null;
  };

  const certificate = state.certificate;
  if (certificate) {
    const signer = state.signature ? actors[state.signature.byUserId]?.name : undefined;
    return (
      <article className="card cp-card cp-certificate">
        <h2>{t('certificate.heading')}</h2>
        <p className={`cp-cert-result cp-cert-${certificate.result}`}>
          {t(`case:certificateResults.${certificate.result}`)}
        </p>
        <dl className="cp-facts">
          <div>
            <dt>{t('facts.certificateNumber')}</dt>
            <dd>{certificate.number}</dd>
          </div>
          <div>
            <dt>{t('facts.date')}</dt>
            <dd>{formatDate(certificate.date)}</dd>
          </div>
          {state.signature && (
            <div>
              <dt>{t('certificate.signedBy')}</dt>
              <dd>
                {signer ?? '—'}, {formatDateTime(state.signature.at)}
              </dd>
            </div>
          )}
        </dl>
        <p>
          {t('print.certificate')}:{' '}
          {LANGUAGES.map((lang) => (
            <Link key={lang} className="cp-print-link" to={printPath('certificate', caseId, lang)}>
              {t(`print.lang.${lang}`)}
            </Link>
          ))}
        </p>
        {state.stage === 'signed' && <p className="cp-muted">{t('certificate.nowIssue')}</p>}
      </article>
    );
  }

  if (!allowed) return null;
  return (
    <article className="card cp-card cp-certificate">
      <h2>{t('certificate.heading')}</h2>
      {register === undefined ? (
        <p>{t('loading')}</p>
      ) : register.size === 0 ? (
        <div className="cp-warning" role="alert">
          <p>{t('certificate.noRegister', { quarter: quarterLabel(t, quarter) })}</p>
          <Link to="/tsa-register">{t('certificate.openRegister')}</Link>
        </div>
      ) : (
        <>
          <p className="cp-muted">
            {t('certificate.lookup', {
              quarter: quarterLabel(t, quarter),
              count: register.size,
            })}
          </p>
          <p className={`cp-cert-result cp-cert-${result}`} role="status">
            {t(`case:certificateResults.${result}`)}
          </p>
          {register.recipient && (
            <dl className="cp-facts">
              <div>
                <dt>{t('certificate.registerName')}</dt>
                <dd>{register.recipient.fullName}</dd>
              </div>
              <div>
                <dt>{t('certificate.family')}</dt>
                <dd>
                  {register.recipient.familyMembers.length > 0
                    ? register.recipient.familyMembers.join('; ')
                    : t('certificate.noFamily')}
                </dd>
              </div>
              <div>
                <dt>{t('certificate.source')}</dt>
                <dd>{register.recipient.source}</dd>
              </div>
            </dl>
          )}
          {preview && (
            <p>{t('certificate.willBe', { number: preview.number, date: formatDate(today) })}</p>
          )}
          {signer.options.length === 0 ? (
            <p className="cp-warning">{t('certificate.noSigner')}</p>
          ) : (
            <div className="cp-sign">
              <SignerSelect label={t('certificate.signer')} choice={signer} />
              <button
                type="button"
                className="cp-primary"
                disabled={document === null || !numbering}
                onClick={() => {
                  setFailure(null);
                  setSigning(true);
                }}
              >
                {t('certificate.sign')}
              </button>
            </div>
          )}
          {failure && (
            <p className="cp-error" role="alert">
              {t(failure)}
            </p>
          )}
        </>
      )}
      {signing && document && preview && state.applicant && (
        <SignWithPinDialog
          title={t('certificate.dialogTitle', { number: preview.number })}
          summary={[
            `${applicantName(state.applicant)}, ${t('header.iin')} ${state.applicant.iin}`,
            t(`case:certificateResults.${result}`),
            quarterLabel(t, quarter),
            ...(register?.recipient && register.recipient.familyMembers.length > 0
              ? [`${t('certificate.family')}: ${register.recipient.familyMembers.join('; ')}`]
              : []),
          ]}
          document={document}
          signerId={signerId}
          onSigned={onSigned}
          onCancel={() => setSigning(false)}
        />
      )}
    </article>
  );
}
