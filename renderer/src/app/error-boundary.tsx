import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import './error-boundary.css';

// A screen that throws while rendering shows a message in place of the screen, and only there: the
// frame (header, navigation, the session) stays mounted, so the person can go elsewhere or try the
// screen again. What must stay true: no raw error text on the screen; the error goes to the console
// for support. Errors in event handlers and saves are not render errors: the screens show those as
// values (see db/write-errors).

interface BoundaryProps {
  children: ReactNode;
  /** A new key (another address) starts the screen afresh. */
  resetKey: string;
  /** What to show instead of the screen; `reload` mounts the screen again. */
  fallback: (reload: () => void) => ReactNode;
}

interface BoundaryState {
  failed: boolean;
  /** Bumped by a reload, so the screen is mounted anew rather than re-rendered with its old state. */
  attempt: number;
  resetKey: string;
}

export class ScreenErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, attempt: 0, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    if (props.resetKey === state.resetKey) return null;
    return { failed: false, attempt: state.attempt + 1, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A screen failed to render', error, info.componentStack);
  }

  reload = (): void => {
    this.setState((s) => ({ failed: false, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback(this.reload);
    return <ScreenAttempt key={this.state.attempt}>{this.props.children}</ScreenAttempt>;
  }
}

/** Only a key holder: a new attempt is a new subtree. */
function ScreenAttempt({ children }: { children: ReactNode }) {
  return children;
}

/** The message shown in place of a screen that failed, in the interface language. */
export function ScreenError({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation('common');
  return (
    <section className="screen screen-error" role="alert" aria-labelledby="screen-error-title">
      <h1 id="screen-error-title">{t('boundary.title')}</h1>
      <p>{t('boundary.text')}</p>
      <button type="button" className="screen-error-reload" onClick={onReload}>
        {t('boundary.reload')}
      </button>
    </section>
  );
}

/** Wraps one screen of the router; a screen at another address starts afresh. */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <ScreenErrorBoundary
      resetKey={location.pathname}
      fallback={(reload) => <ScreenError onReload={reload} />}
    >
      {children}
    </ScreenErrorBoundary>
  );
}
