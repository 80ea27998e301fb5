import type { ComponentProps } from 'react';
import { PIN_MAX_LENGTH } from '../../../../shared/signing';

/**
 * A PIN box: masked, numeric keypad on touch screens, never remembered by the browser. Digits are
 * checked by validatePin, not filtered here, so a slip is explained rather than silently dropped.
 */
export function PinInput(props: Omit<ComponentProps<'input'>, 'type'>) {
  const { className, ...rest } = props;
  return (
    <input
      autoComplete="off"
      {...rest}
      type="password"
      inputMode="numeric"
      maxLength={PIN_MAX_LENGTH}
      spellCheck={false}
      className={className ? `session-pin-input ${className}` : 'session-pin-input'}
    />
  );
}
