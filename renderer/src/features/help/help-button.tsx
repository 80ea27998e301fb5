import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ModalDialog } from '../session';
import { helpTopicFor, type HelpTopic } from './help-topics';
import './help.css';

/** The "?" in the frame: opens the help page of the screen that is open. */
export function HelpButton() {
  const { t } = useTranslation('help');
  const { pathname } = useLocation();
  const [open, setOpen] = useState<HelpTopic | null>(null);
  return (
    <>
      <button
        type="button"
        className="help-button"
        aria-label={t('buttonLabel')}
        title={t('buttonLabel')}
        onClick={() => setOpen(helpTopicFor(pathname))}
      >
        {t('button')}
      </button>
      {open && <HelpDialog topic={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The lines of one part of a help page (steps s1…, terms t1…), in their order. */
function lines(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [[k, v] as [string, string]] : [],
  );
}

function HelpDialog({ topic, onClose }: { topic: HelpTopic; onClose: () => void }) {
  const { t } = useTranslation('help');
  const page = `screens.${topic}`;
  const steps = lines(t(`${page}.steps`, { returnObjects: true }));
  const terms = lines(t(`${page}.terms`, { returnObjects: true }));
  const sources = t(`${page}.termSources`, { returnObjects: true }) as Record<string, unknown>;
  return (
    <ModalDialog
      title={t('title', { screen: t(`${page}.name`) })}
      onDismiss={onClose}
      className="help-dialog"
    >
      <div className="help-body">
        <h3>{t('purpose')}</h3>
        <p>{t(`${page}.purpose`)}</p>
        {steps.length > 0 && (
          <>
            <h3>{t('steps')}</h3>
            <ol>
              {steps.map(([k, text]) => (
                <li key={k}>{text}</li>
              ))}
            </ol>
          </>
        )}
        {terms.length > 0 && (
          <>
            <h3>{t('terms')}</h3>
            <ul>
              {terms.map(([k, text]) => {
                const source = typeof sources === 'object' && sources !== null ? sources[k] : null;
                return (
                  <li key={k}>
                    {text}
                    {typeof source === 'string' && (
                      <span className="help-source"> {t('source', { source })}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
      <div className="help-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
