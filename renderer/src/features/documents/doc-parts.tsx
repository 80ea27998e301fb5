// Pieces every printed document is made of. Presentational: they get text and values, nothing else.
import type { ReactNode } from 'react';
import type { ServiceDefinition } from '../../../../shared/catalog';
import type { NoticeDecisionContent } from '../../../../shared/documents';
import type { Language } from '../../../../shared/ipc';
import { shortFingerprint } from '../../../../shared/signing';
import { formatDate, formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { formatTenge, groundTexts, type DocT } from './common';

export function DocHeader({ office, district }: { office: string; district?: string }) {
  return (
    <div className="doc-header">
      <div className="doc-header-office">{office}</div>
      {district ? <div className="doc-header-sub">{district}</div> : null}
    </div>
  );
}

/** A two-column table of labelled values; rows with no value are left out. */
export function FieldTable({ rows }: { rows: readonly (readonly [string, ReactNode | null])[] }) {
  return (
    <table className="doc-fields">
      <tbody>
        {rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/**
 * "Role ________ Name" with the hint under the line: a place for a handwritten signature. With `seal`
 * (М.О. / М.П.), the place for the office's seal under it, where the official who signs also stamps.
 */
export function SignLine({
  role,
  name,
  hint,
  seal,
}: {
  role: string;
  name?: string;
  hint: string;
  seal?: string;
}) {
  return (
    <>
      <div className="doc-sign-row">
        <span className="doc-sign-role">{role}</span>
        <span className="doc-sign-line">
          <span>{hint}</span>
        </span>
        {name ? <span className="doc-sign-name">{name}</span> : null}
      </div>
      {seal ? <div className="doc-seal">{seal}</div> : null}
    </>
  );
}

/** The key fingerprint as people compare it, or as stored when it is not a full fingerprint. */
function fingerprintText(keyId: string): string {
  return /^[0-9a-f]{64}$/.test(keyId) ? shortFingerprint(keyId) : keyId;
}

export interface ESignatureTexts {
  readonly heading: string;
  readonly signer: string;
  readonly signedAt: string;
  readonly key: string;
  readonly qr: string;
}

/** The signature block of a signed document: signer, moment, key fingerprint and the QR code. */
export function ESignatureBlock({
  texts,
  signerTitle,
  signerName,
  signedAt,
  keyId,
  qr,
}: {
  texts: ESignatureTexts;
  signerTitle: string;
  signerName: string;
  signedAt: LocalDateTime;
  keyId: string;
  qr: string;
}) {
  return (
    <div className="doc-esign">
      <img src={qr} alt={texts.qr} />
      <div>
        <div className="doc-esign-heading">{texts.heading}</div>
        <dl>
          <dt>{texts.signer}</dt>
          <dd>
            {signerTitle} — {signerName}
          </dd>
          <dt>{texts.signedAt}</dt>
          <dd>{formatDateTime(signedAt)}</dd>
          <dt>{texts.key}</dt>
          <dd>{fingerprintText(keyId)}</dd>
        </dl>
        <div className="doc-esign-caption">{texts.qr}</div>
      </div>
    </div>
  );
}

/**
 * What a decision states, as the decision (app. 5) and its notice (app. 6 / 7) both print it: a grant's
 * amount and period, or a refusal's grounds and justification (R-DEC-6), then how remarks on the
 * hearing protocol were considered (R-HEAR-6).
 */
export function DecisionTerms({
  t,
  lang,
  decision,
  service,
}: {
  t: DocT;
  lang: Language;
  decision: NoticeDecisionContent;
  service: ServiceDefinition | null;
}) {
  return (
    <>
      {decision.outcome === 'grant' ? (
        <FieldTable
          rows={[
            [
              t('notice.amount'),
              decision.amountTiyn === undefined
                ? null
                : t('notice.amountValue', { amount: formatTenge(decision.amountTiyn) }),
            ],
            [
              t('notice.period'),
              decision.periodFrom && decision.periodTo
                ? t('notice.periodValue', {
                    from: formatDate(decision.periodFrom),
                    to: formatDate(decision.periodTo),
                  })
                : null,
            ],
          ]}
        />
      ) : (
        <>
          {decision.groundCodes && decision.groundCodes.length > 0 ? (
            <>
              <p className="doc-strong">{t('notice.grounds')}:</p>
              <ol className="doc-list">
                {groundTexts(decision.groundCodes, service, lang).map((text, i) => (
                  <li key={`${i}-${text}`}>{text}</li>
                ))}
              </ol>
            </>
          ) : null}
          <p className="doc-strong">{t('notice.justification')}:</p>
          <p className="doc-justification">{decision.justification}</p>
        </>
      )}
      {decision.remarksConsideration ? (
        <>
          <p className="doc-strong">{t('notice.remarks')}:</p>
          <p className="doc-justification">{decision.remarksConsideration}</p>
        </>
      ) : null}
    </>
  );
}
