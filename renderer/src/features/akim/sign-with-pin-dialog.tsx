import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  canonicalBytes,
  PIN_MAX_LENGTH,
  PIN_MIN_LENGTH,
  sha256,
  shortFingerprint,
  toHex,
  type CanonicalSignature,
  type JsonValue,
} from '../../../../shared/signing';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { useLive } from '../../db';
import { signAsUser } from '../session';
import './akim.css';

export interface SignWithPinDialogProps {
  /** What is signed, in the interface language: 'Реестр № KZL01-2-R3/2026'. */
  title: string;
  /** A few short lines that tell the signer what the document says (date, cases, applicant…). */
  summary: readonly string[];
  /**
   * The canonical content that is signed (e.g. registerDocument(...)); its SHA-256 is shown. Keep its
   * identity stable between renders (useMemo) so the digest is not recomputed on every render.
   */
  document: JsonValue;
  /**
   * Receives the signature and the office time of signing. Store it here; return a message key (or
   * a promise of one) to show in the dialog and keep it open, e.g. when the document changed meanwhile.
   * Return nothing when done: the caller then closes the dialog.
   */
  onSigned: (
    signature: CanonicalSignature,
    signedAt: LocalDateTime,
  ) => Promise<string | null | undefined> | string | null | undefined;
  onCancel: () => void;
  /** Who signs; defaults to the logged-in user. */
  signerId?: string;
}

interface PinForm {
  pin: string;
}

/** 64 hex digits → 'AB12 CD34 EF56 7890', as key fingerprints are shown. */
function shortHex(hex: string): string {
  return /^[0-9a-f]{64}$/.test(hex) ? shortFingerprint(hex) : hex.slice(0, 16);
}

/**
 * Asks the signer's PIN and signs the document's canonical form with the key that PIN unwraps. The
 * dialog shows what is signed — the title, a summary and the first 64 bits of the content's SHA-256 —
 * so the akim signs what they read, and the key only exists in memory for the one signature.
 */
export function SignWithPinDialog({
  title,
  summary,
  document,
  onSigned,
  onCancel,
  signerId,
}: SignWithPinDialogProps) {
  const { t } = useTranslation(['akim', 'identity', 'session']);
  const { db, clock } = useDesk();
  const sessionUser = useAppSelector((s) => s.session.user);
  const userId = signerId ?? sessionUser?.id ?? null;
  const signer = useLive(() => (userId ? db.users.get(userId) : undefined), [db, userId]);
  const headingId = useId();
  const pinId = useId();
  const errorId = useId();
  const [hashed, setHashed] = useState<{ of: Uint8Array; digest: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const [retryAtMs, setRetryAtMs] = useState<number | null>(null);
  const [nowMs, setNowMs] = useState(() => clock.nowMs());
  const dialogRef = useRef<HTMLDialogElement | null>(null);

  const canonical = useMemo((): { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false } => {
    try {
      return { ok: true, bytes: canonicalBytes(document) };
    } catch {
      return { ok: false };
    }
  }, [document]);

  useEffect(() => {
    let live = true;
    if (canonical.ok) {
      const bytes = canonical.bytes;
      void sha256(crypto.subtle, bytes).then((hash) => {
        if (live) setHashed({ of: bytes, digest: shortHex(toHex(hash)) });
      });
    }
    return () => {
      live = false;
    };
  }, [canonical]);
  // The digest shown is always the one of the document shown now.
  const digest = canonical.ok && hashed?.of === canonical.bytes ? hashed.digest : null;

  const {
    register,
    handleSubmit,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<PinForm>({ defaultValues: { pin: '' } });
  const pinField = register('pin', {
    validate: (pin) => {
      if (pin === '') return 'akim:sign.pinRequired';
      if (!/^\d+$/.test(pin)) return 'identity:pin.notDigits';
      if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) return 'identity:pin.length';
      return true;
    },
  });

  // A modal in the browser's top layer: the page beneath is inert. The idle lock opens its own modal
  // later, so it always covers this one.
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  });
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    setFocus('pin');
    // Chromium may close a dialog on a repeated Escape even when `cancel` was prevented. The event
    // comes later than close(): a dialog closed and shown again meanwhile (React's development
    // double mount) is open by then and is not a cancel.
    const onClose = () => {
      if (!dialog.open) cancelRef.current();
    };
    dialog.addEventListener('close', onClose);
    return () => {
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
    };
  }, [setFocus]);

  // After too many wrong PINs the session feature makes the signer wait; count the wait down.
  useEffect(() => {
    if (retryAtMs === null) return;
    const timer = window.setInterval(() => {
      const current = clock.nowMs();
      setNowMs(current);
      if (current >= retryAtMs) setRetryAtMs(null);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [retryAtMs, clock]);
  const waitSeconds = retryAtMs === null ? 0 : Math.max(0, Math.ceil((retryAtMs - nowMs) / 1000));

  const noKey = signer !== undefined && signer.signingKey === null;
  const submit = handleSubmit(async ({ pin }) => {
    setFailure(null);
    setAttemptsLeft(null);
    if (!userId || !canonical.ok) {
      setFailure('akim:sign.failed');
      return;
    }
    const result = await signAsUser(db, userId, pin, document, clock.nowMs());
    if (!result.ok) {
      setValue('pin', '');
      if (result.retryAtMs !== undefined) {
        setNowMs(clock.nowMs());
        setRetryAtMs(result.retryAtMs);
      } else {
        setFailure(result.reason);
        setAttemptsLeft(result.attemptsLeft ?? null);
      }
      setFocus('pin');
      return;
    }
    const problem = await onSigned(result.signature, clock.nowLocal());
    if (typeof problem === 'string') setFailure(problem);
  });

  const message = waitSeconds > 0 ? null : (errors.pin?.message ?? failure);
  const lines = [
    ...(message ? [t(message, { defaultValue: t('akim:sign.failed') })] : []),
    ...(message && attemptsLeft !== null
      ? [t('session:pin.attemptsLeft', { count: attemptsLeft })]
      : []),
    ...(waitSeconds > 0 ? [t('session:pin.wait', { count: waitSeconds })] : []),
  ];
  return (
    <dialog
      ref={dialogRef}
      className="akim-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isSubmitting) onCancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={headingId}>{t('akim:sign.heading')}</h2>
        <p className="akim-dialog-title">{title}</p>
        {summary.length > 0 && (
          <ul className="akim-dialog-summary">
            {summary.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        <dl className="akim-dialog-facts">
          <dt>{t('akim:sign.digest')}</dt>
          <dd className="akim-mono" data-testid="sign-digest">
            {canonical.ok ? (digest ?? '…') : t('akim:sign.notSignable')}
          </dd>
          <dt>{t('akim:sign.signer')}</dt>
          <dd>{signer?.name ?? sessionUser?.name ?? '—'}</dd>
          {signer?.signingKey && (
            <>
              <dt>{t('akim:sign.key')}</dt>
              <dd className="akim-mono">{shortHex(signer.signingKey.keyId)}</dd>
            </>
          )}
        </dl>
        <p className="akim-dialog-hint">{t('akim:sign.hint')}</p>
        {noKey ? (
          <p className="akim-error" role="alert">
            {t('akim:sign.noKey')}
          </p>
        ) : (
          <div className="akim-field">
            <label htmlFor={pinId}>{t('akim:sign.pin')}</label>
            <input
              id={pinId}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              aria-invalid={lines.length > 0 ? true : undefined}
              aria-describedby={lines.length > 0 ? errorId : undefined}
              {...pinField}
            />
          </div>
        )}
        {lines.length > 0 && !noKey && (
          <div id={errorId} className="akim-error" role="alert">
            {lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        <div className="akim-dialog-actions">
          <button
            type="submit"
            className="akim-button akim-button--primary"
            disabled={isSubmitting || noKey || !canonical.ok || digest === null || waitSeconds > 0}
          >
            {isSubmitting ? t('akim:sign.signing') : t('akim:sign.submit')}
          </button>
          <button type="button" className="akim-button" onClick={onCancel} disabled={isSubmitting}>
            {t('akim:sign.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
