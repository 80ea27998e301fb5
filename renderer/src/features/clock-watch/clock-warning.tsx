import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import type { ClockJumpRecord } from '../../db';
import { localDateTimeAt, pageMonotonicClock } from '../../platform';
import { createClockWatch, jumpAmount, jumpMessageKey, type ClockWatch } from './clock-watch';
import './clock-watch.css';

/** How often the frame reads both clocks. */
const CHECK_EVERY_MS = 10_000;

/** A jump's words: how far, what the clock showed and what it should have shown. */
export function useJumpText(): (record: ClockJumpRecord) => string {
  const { t } = useTranslation('system');
  return (record) => {
    const amount = jumpAmount(record.deltaMs);
    return t(jumpMessageKey(record), {
      amount: t(`clock.amount.${amount.unit}`, { count: amount.count }),
      shown: formatDateTime(localDateTimeAt(record.shownMs)),
      expected: formatDateTime(localDateTimeAt(record.expectedMs)),
    });
  };
}

/**
 * The frame's clock watch and its warning: a jump of the desk's clock (against the session's own
 * monotonic clock, the HLC's high-water mark at start, or the hub's time after a sync) is recorded
 * (db clock-audit, shown on the system page) and said here until the person acknowledges it.
 */
export function ClockWarning() {
  const { t } = useTranslation('system');
  const { db, clock, sync } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);
  const [shown, setShown] = useState<ClockJumpRecord | null>(null);
  const text = useJumpText();
  const watchRef = useRef<ClockWatch | null>(null);

  useEffect(() => {
    let live = true;
    const watch = createClockWatch({
      db,
      nowMs: clock.nowMs,
      mono: pageMonotonicClock,
      user: () => (userRef.current ? { id: userRef.current.id, name: userRef.current.name } : null),
      newId: () => crypto.randomUUID(),
    });
    watchRef.current = watch;
    const run = () => {
      watch.check().then(
        (record) => {
          if (live && record) setShown(record);
        },
        (error: unknown) => console.error('clock check failed', error),
      );
    };
    run();
    const timer = window.setInterval(run, CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', run);
    return () => {
      live = false;
      watchRef.current = null;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [db, clock]);

  const engine = useSyncExternalStore(sync.subscribe, sync.getState);
  const last = engine.last;
  useEffect(() => {
    const watch = watchRef.current;
    if (!watch || !last?.ok || last.clockOffsetMs === undefined) return;
    watch.checkHub(last.clockOffsetMs, last.atMs).then(
      (record) => {
        if (record) setShown(record);
      },
      (error: unknown) => console.error('clock check against the hub failed', error),
    );
  }, [last]);

  if (shown === null) return null;
  return (
    <div className="clock-warning" role="alert">
      <p>
        <strong>{text(shown)}</strong> {t('clock.check')}
      </p>
      <button type="button" onClick={() => setShown(null)}>
        {t('clock.dismiss')}
      </button>
    </div>
  );
}
