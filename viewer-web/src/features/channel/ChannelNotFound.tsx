import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';

export function ChannelNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('channel.notFoundTitle'));
  return (
    <section className="message-page" data-testid="channel-not-found">
      <h1>{t('channel.notFoundTitle')}</h1>
      <p>{t('channel.notFoundBody')}</p>
      <Link to="/" className="button">
        {t('app.backHome')}
      </Link>
    </section>
  );
}
