import type { KeyboardEvent } from 'react';

// Enter in a text field of a long form moves to the next field, as on paper forms people fill in
// order; it never submits the whole application half-filled (the browser's implicit submission).
// Buttons, links, text areas and selects keep their own Enter.

const FIELD = 'input, select, textarea';

function isField(
  element: Element,
): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (!element.matches(FIELD)) return false;
  const el = element as HTMLInputElement;
  if (el.disabled || el.type === 'hidden' || el.type === 'file' || el.tabIndex < 0) return false;
  if (el.readOnly) return false;
  // Not shown (a collapsed section): offsetParent is null for display:none and its children.
  return el.offsetParent !== null;
}

/** onKeyDown of a <form>: Enter in an input focuses the next field instead of submitting. */
export function moveToNextField(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey)
    return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (['submit', 'button', 'reset', 'file', 'image'].includes(target.type)) return;
  event.preventDefault();
  const fields = Array.from(event.currentTarget.querySelectorAll(FIELD)).filter(isField);
  const next = fields[fields.indexOf(target) + 1];
  next?.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
}
