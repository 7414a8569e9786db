import { useTranslation } from 'react-i18next';
import { MessagePage } from './MessagePage';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <MessagePage testId="page-not-found" title={t('app.notFoundTitle')} body={t('app.notFoundBody')} />;
}
