import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

/** Shown once after sign-up (`?welcome=1`): the next step is going live, or browsing first. */
export function WelcomeCard({ nickname }: { nickname: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (params.get('welcome') !== '1') return null;
  return (
    <section className="card dash-card dash-welcome" data-testid="dashboard-welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('dashboard.welcomeTitle', { nickname })}</h2>
      <p className="dash-muted">{t('dashboard.welcomeBody')}</p>
      <div className="dash-row">
        <a className="button" href="#guide-title" data-testid="welcome-go-live">
          {t('dashboard.welcomeGoLive')}
        </a>
        <Link className="button button--ghost" to="/">
          {t('dashboard.welcomeBrowse')}
        </Link>
        <button type="button" className="dash-welcome__dismiss" onClick={() => setParams({}, { replace: true })}>
          {t('dashboard.welcomeDismiss')}
        </button>
      </div>
    </section>
  );
}
