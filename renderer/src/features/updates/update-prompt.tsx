import { useTranslation } from 'react-i18next';
import { updatePromptOf } from '../../sync/update-checker';
import { useUpdates } from './use-updates';
import './updates.css';

/**
 * The frame's update prompt (issue 11 §5): a newer desk from the district, downloaded and installed
 * only when the person says so; a refused installer said plainly.
 */
export function UpdatePrompt() {
  const { t } = useTranslation('updates');
  const { checker, state } = useUpdates();
  const prompt = updatePromptOf(state);
  switch (prompt.kind) {
    case 'none':
      return null;
    case 'available':
      return (
        <div className="update-prompt" role="status">
          <span>{t('prompt.available', { version: prompt.version })}</span>
          <button type="button" onClick={() => void checker.download()}>
            {t('prompt.download')}
          </button>
          <button type="button" className="secondary" onClick={() => checker.later()}>
            {t('prompt.later')}
          </button>
        </div>
      );
    case 'downloading':
      return (
        <div className="update-prompt" role="status" aria-busy="true">
          <span>{t('prompt.downloading', { version: prompt.version })}</span>
        </div>
      );
    case 'ready':
      return (
        <div className="update-prompt" role="status">
          <span>{t('prompt.ready', { version: prompt.version })}</span>
          <button type="button" disabled={prompt.installing} onClick={() => void checker.install()}>
            {t('prompt.install')}
          </button>
          <button type="button" className="secondary" onClick={() => checker.later()}>
            {t('prompt.later')}
          </button>
        </div>
      );
    case 'refused':
      return (
        <div className="update-prompt update-refused" role="alert">
          <span>{t(`refused.${prompt.reason}`)}</span>
          <button type="button" className="secondary" onClick={() => checker.closeRefusal()}>
            {t('prompt.close')}
          </button>
        </div>
      );
  }
}
