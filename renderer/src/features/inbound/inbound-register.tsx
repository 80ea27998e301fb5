import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { useAppSelector } from '../../app/hooks';
import {
  INCOMING_NUMBER_MAX_LENGTH,
  receiveRegister,
  writeFailure,
  type InboundRegister,
} from '../../db';
import { useDesk } from '../../app/desk-context';
import { useActContext } from '../session';
import { InboundCases } from './inbound-cases';

/** Who may record the receipt: the transition table's role for ReceivedByDistrict. */
const RECEIVER_ROLE = 'districtSpecialist';

export interface Receipt {
  readonly registerNumber: string;
  readonly caseIds: readonly string[];
}

interface Props {
  register: InboundRegister;
  okrugLabel: string;
  now: LocalDateTime;
  onReceived: (receipt: Receipt) => void;
}

/**
 * One forwarded register: what it is (number, date, akimat, signer), its cases with their terms, and
 * for the district's specialist the receipt of all its waiting cases at once, with the incoming number.
 */
export function InboundRegisterCard({ register, okrugLabel, now, onReceived }: Props) {
  const { t } = useTranslation(['inbound', 'case']);
  const { db } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const act = useActContext();
  const inputId = useId();
  const hintId = useId();
  const [incomingNumber, setIncomingNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mayReceive = user?.role === RECEIVER_ROLE && act !== null;
  const count = register.waiting.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!act) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await receiveRegister(
        db,
        { registerId: register.registerId, incomingNumber },
        act(),
      );
      if (result.ok) {
        onReceived({ registerNumber: register.registerNumber, caseIds: result.caseIds });
      } else if (result.caseNumber !== undefined) {
        setFailure(
          t('inbound:errors.caseRefused', { number: result.caseNumber, reason: t(result.reason) }),
        );
      } else {
        setFailure(t(result.reason));
      }
    } catch (error) {
      // The database refused the write (a full disk…): said in words; the typed number stays.
      setFailure(t(writeFailure(error).reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card inbound-register">
      <header className="inbound-register-head">
        <h3>{t('inbound:register.title', { number: register.registerNumber })}</h3>
        <dl className="inbound-facts">
          <div>
            <dt>{t('inbound:register.date')}</dt>
            <dd>{register.date ? formatDate(register.date) : '—'}</dd>
          </div>
          <div>
            <dt>{t('inbound:register.akimat')}</dt>
            <dd>{okrugLabel}</dd>
          </div>
          <div>
            <dt>{t('inbound:register.signed')}</dt>
            <dd>
              {register.signer
                ? t('inbound:register.signedValue', {
                    name: register.signer.name,
                    at: formatDateTime(register.signer.signedAt),
                  })
                : t('inbound:register.notPulled')}
            </dd>
          </div>
          {register.forwardedAt && (
            <div>
              <dt>{t('inbound:register.forwarded')}</dt>
              <dd>{formatDateTime(register.forwardedAt)}</dd>
            </div>
          )}
        </dl>
      </header>
      <InboundCases
        rows={[...register.waiting, ...register.received]}
        now={now}
        caption={t('inbound:register.title', { number: register.registerNumber })}
      />
      {mayReceive ? (
        <form className="inbound-receive" onSubmit={(e) => void submit(e)}>
          <div className="inbound-field">
            <label htmlFor={inputId}>{t('inbound:receive.incomingNumber')}</label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={incomingNumber}
              aria-describedby={hintId}
              aria-invalid={incomingNumber.trim().length > INCOMING_NUMBER_MAX_LENGTH}
              onChange={(e) => setIncomingNumber(e.target.value)}
            />
            <span id={hintId} className="inbound-muted">
              {t('inbound:receive.hint')}
            </span>
          </div>
          <button type="submit" className="inbound-button" disabled={busy || count === 0}>
            {busy ? t('inbound:receive.busy') : t('inbound:receive.button', { count })}
          </button>
          {failure && (
            <p className="inbound-error" role="alert">
              {failure}
            </p>
          )}
        </form>
      ) : (
        <p className="inbound-muted">{t('inbound:receive.specialistOnly')}</p>
      )}
    </article>
  );
}
