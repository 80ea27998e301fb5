import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { ScreenErrorBoundary } from './error-boundary';

// The renderer's unit tests run without a DOM: the boundary's own logic is checked here by driving
// the class as React does (getDerivedStateFromError, then render); e2e/frame.e2e.ts checks it in the
// browser with a screen that really throws.

function Boom(): ReactNode {
  throw new Error('the screen broke');
}

function boundary(resetKey = '/journal') {
  const fallback = vi.fn((reload: () => void) => <p data-reload={reload}>failed</p>);
  const props = { resetKey, fallback, children: <Boom /> };
  const instance = new ScreenErrorBoundary(props);
  return { instance, props, fallback };
}

/** What setState would do, without a renderer: apply the update to the state. */
function applySetState(instance: ScreenErrorBoundary): void {
  instance.setState = ((update: unknown) => {
    const next =
      typeof update === 'function'
        ? (update as (s: typeof instance.state) => object)(instance.state)
        : update;
    instance.state = { ...instance.state, ...(next as object) };
  }) as typeof instance.setState;
}

describe('a screen that throws', () => {
  test('renders the screen while nothing failed', () => {
    const { instance, fallback } = boundary();
    const out = instance.render() as ReactElement<{ children: ReactNode }>;
    expect(isValidElement(out)).toBe(true);
    expect((out.props.children as ReactElement).type).toBe(Boom);
    expect(fallback).not.toHaveBeenCalled();
  });

  test('is replaced by the message, and a reload mounts it anew', () => {
    const { instance, fallback } = boundary();
    applySetState(instance);
    const error = new Error('the screen broke');
    instance.state = { ...instance.state, ...ScreenErrorBoundary.getDerivedStateFromError() };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    instance.componentDidCatch(error, { componentStack: '\n    at Boom' });
    expect(spy).toHaveBeenCalled();
    expect(instance.render()).toEqual(<p data-reload={instance.reload}>failed</p>);
    expect(fallback).toHaveBeenCalledTimes(1);

    const before = instance.state.attempt;
    instance.reload();
    const out = instance.render() as ReactElement;
    expect(instance.state.failed).toBe(false);
    // A new key: React mounts the screen again instead of reusing the broken tree.
    expect(out.key).toBe(String(before + 1));
    spy.mockRestore();
  });

  test('another address starts afresh', () => {
    const { instance, props } = boundary('/journal');
    instance.state = { ...instance.state, failed: true };
    expect(ScreenErrorBoundary.getDerivedStateFromProps(props, instance.state)).toBeNull();
    expect(
      ScreenErrorBoundary.getDerivedStateFromProps(
        { ...props, resetKey: '/intake' },
        instance.state,
      ),
    ).toEqual({ failed: false, attempt: instance.state.attempt + 1, resetKey: '/intake' });
  });
});
