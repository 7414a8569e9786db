import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/use-document-title';

/** A full-page message with a way home: not-found pages and the like. */
export function MessagePage({ testId, title, body }: { testId: string; title: string; body: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <section className="message-page" data-testid={testId}>
      <h1>{title}</h1>
      <p>{body}</p>
      <Link to="/" className="button">
        {t('app.backHome')}
      </Link>
    </section>
  );
}
