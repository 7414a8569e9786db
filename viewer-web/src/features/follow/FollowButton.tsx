import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { useFollow } from './use-follow';
import './follow.css';

export interface FollowButtonProps {
  slug: string;
  /** From the polled channel; replaced by the server's answer after a follow or unfollow. */
  followerCount: number;
}

export function FollowButton({ slug, followerCount }: FollowButtonProps) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const follow = useFollow(slug);
  const describe = useErrorMessage();
  const following = follow.state?.following ?? false;
  const count = follow.state?.followerCount ?? followerCount;

  const onClick = () => {
    if (!user) {
      void navigate(`/login?next=${encodeURIComponent(pathname)}`);
      return;
    }
    void follow.toggle();
  };
  return (
    <div className="follow">
      <button
        type="button"
        className={following ? 'button button--ghost follow__button' : 'button follow__button'}
        data-testid="follow-button"
        data-following={following}
        aria-pressed={user ? following : undefined}
        disabled={follow.busy || (user !== null && follow.state === null && follow.error === null)}
        title={user ? undefined : t('follow.loginToFollow')}
        onClick={onClick}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path
            fill={following ? 'currentColor' : 'none'}
            stroke="currentColor"
            strokeWidth="2"
            d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z"
          />
        </svg>
        <span className="follow__label">{following ? t('follow.following') : t('follow.follow')}</span>
        {following && <span className="follow__hover-label">{t('follow.unfollow')}</span>}
      </button>
      <span className="follow__count" data-testid="follower-count">
        {t('follow.followers', { n: count })}
      </span>
      {follow.error !== null && (
        <span className="follow__error" role="alert">
          {describe(follow.error)}
        </span>
      )}
    </div>
  );
}
