import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import type { PinRefusal } from '../../db';

export interface PinFeedback {
  /** Lines to show under the PIN box, already translated; empty when all is well. */
  lines: string[];
  /** True while the user must wait after too many wrong PINs: the submit button is disabled. */
  waiting: boolean;
  /** Show why a PIN was refused; null clears the message. */
  show(refusal: PinRefusal | { ok: false; reason: string } | null): void;
}

/**
 * What to tell a person whose PIN was refused: wrong (and how many tries are left before a pause), or
 * wait N seconds, counting down on the desk clock until they may try again.
 */
export function usePinFeedback(): PinFeedback {
  const { t } = useTranslation();
  const { clock } = useDesk();
  const [refusal, setRefusal] = useState<PinRefusal | { ok: false; reason: string } | null>(null);
  const [now, setNow] = useState(() => clock.nowMs());
  const retryAtMs = refusal && 'retryAtMs' in refusal ? refusal.retryAtMs : null;

  useEffect(() => {
    if (retryAtMs === null) return;
    const id = setInterval(() => {
      const current = clock.nowMs();
      setNow(current);
      if (current >= retryAtMs) setRefusal(null);
    }, 1000);
    return () => clearInterval(id);
  }, [retryAtMs, clock]);

  const show = useCallback(
    (next: PinRefusal | { ok: false; reason: string } | null) => {
      setNow(clock.nowMs());
      setRefusal(next);
    },
    [clock],
  );

  const secondsLeft = retryAtMs === null ? 0 : Math.max(0, Math.ceil((retryAtMs - now) / 1000));
  let lines: string[] = [];
  if (refusal && retryAtMs !== null) {
    lines = secondsLeft > 0 ? [t('session:pin.wait', { count: secondsLeft })] : [];
  } else if (refusal && 'attemptsLeft' in refusal) {
    lines = [t(refusal.reason), t('session:pin.attemptsLeft', { count: refusal.attemptsLeft })];
  } else if (refusal) {
    lines = [t(refusal.reason)];
  }
  return { lines, waiting: secondsLeft > 0, show };
}

/** The refusal under a PIN box, announced to screen readers. */
export function PinMessage({ lines, id }: { lines: string[]; id?: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="session-pin-message" role="alert" id={id}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
