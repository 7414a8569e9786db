import { useId, useState } from 'react';
import { ChannelSlugChoiceSchema, RESERVED_SLUGS, type ChannelOwner } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';
import { useSubmit } from '../auth/use-submit';

const SLUG_PATTERN = new RegExp(ChannelSlugChoiceSchema.pattern ?? '');

/** Advice before asking the server, from the same rules it applies; null when it looks fine. */
function slugProblem(slug: string): 'dashboard.addressBadFormat' | 'dashboard.addressReserved' | null {
  if (slug === '') return null;
  if (!SLUG_PATTERN.test(slug)) return 'dashboard.addressBadFormat';
  return RESERVED_SLUGS.includes(slug) ? 'dashboard.addressReserved' : null;
}

/** The channel's address (`/c/<slug>`): generated at sign-up, picked by the streamer once, with a confirmation. */
export function ChannelAddressForm({ channel, onSaved }: { channel: ChannelOwner; onSaved: (channel: ChannelOwner) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const id = useId();
  const [slug, setSlug] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useSubmit(async () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    onSaved(await withToken((token) => api.updateChannel(token, { slug })));
    setSlug('');
  });
  const problem = slugProblem(slug);

  return (
    <form className="card dash-card dash-form" onSubmit={form.onSubmit} aria-labelledby={`${id}-h`} data-testid="channel-address">
      <h2 id={`${id}-h`}>{t('dashboard.addressTitle')}</h2>
      <code className="dash-code" data-testid="channel-address-current">/c/{channel.slug}</code>
      {channel.slugChangeable ? (
        <>
          <label className="field">
            <span className="field__label">{t('dashboard.addressLabel')}</span>
            <input
              className="field__input"
              data-testid="channel-address-input"
              value={slug}
              maxLength={20}
              autoCapitalize="none"
              spellCheck={false}
              aria-invalid={problem !== null}
              onChange={(e) => {
                setConfirming(false);
                setSlug(e.target.value.trim().toLowerCase());
              }}
            />
            <span className={problem ? 'field__note field__note--problem' : 'field__note'}>{problem ? t(problem) : t('dashboard.addressHint')}</span>
          </label>
          <FormError message={form.error} />
          {confirming && <p className="dash-alert" role="alert">{t('dashboard.addressConfirm', { slug })}</p>}
          <div className="dash-row">
            <button type="submit" className="button" data-testid="channel-address-save" disabled={form.busy || slug === '' || problem !== null}>
              {confirming ? t('dashboard.addressConfirmYes') : t('dashboard.addressPick')}
            </button>
            {confirming && (
              <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
                {t('dashboard.addressCancel')}
              </button>
            )}
          </div>
        </>
      ) : (
        <p className="dash-muted">{t('dashboard.addressLocked')}</p>
      )}
    </form>
  );
}
