// Pieces every printed document is made of. Presentational: they get text and values, nothing else.
import type { ReactNode } from 'react';
import { shortFingerprint } from '../../../../shared/signing';
import { formatDateTime, type LocalDateTime } from '../../../../shared/time';

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
