import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { ChangePinDialog } from './change-pin-dialog';
import { deskLocked } from './session-slice';
import { useSwitchUser } from './switch-user';
import './session.css';

/**
 * Who is working, in the frame header, with the quick actions of a shared laptop: lock when stepping
 * away, switch user when a colleague takes over, change one's own PIN.
 */
export function SessionMenu() {
  const { t } = useTranslation();
  const user = useAppSelector((s) => s.session.user);
  const dispatch = useAppDispatch();
  const { switchUser, dialog: switchDialog } = useSwitchUser();
  const [open, setOpen] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return null;

  const moveFocus = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [
      ...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
    ];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    items[(next + items.length) % items.length]?.focus();
  };

  const act = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="session-menu" ref={rootRef}>
      <button
        type="button"
        className="session-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="session-menu-items"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="session-menu-name">{user.name}</span>
        <span className="session-menu-role">{t(`users:roles.${user.role}`)}</span>
      </button>
      {open && (
        <div
          id="session-menu-items"
          className="session-menu-items"
          role="menu"
          aria-label={t('session:menu.label')}
          ref={menuRef}
          onKeyDown={moveFocus}
        >
          <button type="button" role="menuitem" onClick={act(() => setChangingPin(true))}>
            {t('session:menu.changePin')}
          </button>
          <button type="button" role="menuitem" onClick={act(() => dispatch(deskLocked()))}>
            {t('session:menu.lock')}
          </button>
          <button type="button" role="menuitem" onClick={act(switchUser)}>
            {t('session:menu.switchUser')}
          </button>
        </div>
      )}
      {changingPin && <ChangePinDialog onClose={() => setChangingPin(false)} />}
      {switchDialog}
    </div>
  );
}
