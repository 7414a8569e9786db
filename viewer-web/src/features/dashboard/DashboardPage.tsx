import type { User } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { useCategories } from '../directory/use-categories';
import { AccountPanel } from './AccountPanel';
import { AvatarPanel } from './AvatarPanel';
import { ChannelAddressForm } from './ChannelAddressForm';
import { ChannelForm } from './ChannelForm';
import { GoLiveGuide, RecommendedSettings } from './GoLiveGuide';
import { LiveShareCard } from './LiveShareCard';
import { LiveStatus } from './LiveStatus';
import { ModerationPanel } from './ModerationPanel';
import { ReplaysPanel } from './ReplaysPanel';
import { StreamHealthPanel } from './StreamHealthPanel';
import { StreamManager } from './StreamManager';
import { useMe } from './use-me';
import { WelcomeCard } from './WelcomeCard';
import './dashboard.css';

export function DashboardPage() {
  const { t } = useTranslation();
  const { state, user } = useAuth();
  useDocumentTitle(t('dashboard.title'));
  if (state.status === 'loading') return <p className="dash-muted">{t('common.loading')}</p>;
  if (!user) return <Navigate to="/login?next=%2Fdashboard" replace />;
  return <Dashboard user={user} />;
}

function Dashboard({ user }: { user: User }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const { state, setChannel } = useMe(user.id);
  const { categories } = useCategories();

  if (state.status === 'loading') return <p className="dash-muted">{t('common.loading')}</p>;
  if (state.status === 'error') {
    return (
      <p className="dash-alert" role="alert">
        {describe(state.error)}
      </p>
    );
  }
  const { channel } = state.me;
  return (
    <div className="dashboard" data-testid="dashboard">
      <header className="dashboard__header">
        <h1>{t('dashboard.title')}</h1>
        <LiveStatus channel={channel} />
      </header>
      <WelcomeCard nickname={state.me.user.nickname} />
      {state.stale && (
        <p className="dash-alert" role="alert">
          {t('dashboard.error')}
        </p>
      )}
      <LiveShareCard channel={channel} />
      <StreamManager channel={channel} />
      <div className="dashboard__grid">
        <div className="dashboard__col">
          <StreamHealthPanel health={channel.health} />
          <GoLiveGuide channel={channel} onRotated={() => setChannel({ ...channel, hasStreamKey: true })} />
          <RecommendedSettings />
        </div>
        <div className="dashboard__col">
          <ChannelForm key={channel.slug} channel={channel} categories={categories} onSaved={setChannel} />
          <ModerationPanel />
          <ReplaysPanel slug={channel.slug} />
          <AvatarPanel channel={channel} onSaved={setChannel} />
          <ChannelAddressForm channel={channel} onSaved={setChannel} />
          <AccountPanel user={state.me.user} />
        </div>
      </div>
    </div>
  );
}
