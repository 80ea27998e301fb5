import {
  useEffect,
  useId,
  useRef,
  type ReactNode,
  type RefObject,
  type SyntheticEvent,
} from 'react';

/**
 * Shows `ref`'s <dialog> as a modal in the browser's top layer while the component is mounted: the
 * page beneath is inert (no clicks, no Tab). Escape calls `onDismiss`; without it the dialog stays.
 * The element marked `data-autofocus` gets the focus.
 */
export function useModalDialog(
  ref: RefObject<HTMLDialogElement | null>,
  onDismiss: (() => void) | undefined,
): { onCancel: (event: SyntheticEvent<HTMLDialogElement>) => void } {
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element; the field to type in is marked instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Chromium lets a repeated Escape close a dialog even when `cancel` was prevented: if the browser
    // closed it while its owner still shows it, let the owner dismiss it, or open it again.
    const onClose = () => {
      if (dismiss.current) dismiss.current();
      else if (!dialog.open) dialog.showModal();
    };
    dialog.addEventListener('close', onClose);
    return () => {
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
    };
  }, [ref]);

  return {
    onCancel: (event) => {
      event.preventDefault();
      dismiss.current?.();
    },
  };
}

/** A modal dialog with a title; Escape calls `onDismiss` when given. */
export function ModalDialog({
  title,
  onDismiss,
  className,
  children,
}: {
  title: ReactNode;
  onDismiss?: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onCancel } = useModalDialog(ref, onDismiss);
  return (
    <dialog
      ref={ref}
      className={className ? `session-dialog ${className}` : 'session-dialog'}
      aria-labelledby={titleId}
      onCancel={onCancel}
    >
      <h2 id={titleId} className="session-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
