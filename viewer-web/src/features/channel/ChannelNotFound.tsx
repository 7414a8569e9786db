import { useTranslation } from 'react-i18next';
import { MessagePage } from '../../app/MessagePage';

export function ChannelNotFound() {
  const { t } = useTranslation();
  return <MessagePage testId="channel-not-found" title={t('channel.notFoundTitle')} body={t('channel.notFoundBody')} />;
}
