import { useId, useState } from 'react';
import type { ChannelOwner } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';
import { StreamerAvatar } from '../channel/StreamerAvatar';

const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The streamer's picture on cards and the channel page: pick a file and it is uploaded at once. */
export function AvatarPanel({ channel, onSaved }: { channel: ChannelOwner; onSaved: (channel: ChannelOwner) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const describe = useErrorMessage();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (!TYPES.includes(file.type)) return setError(t('dashboard.avatarWrongType'));
    if (file.size > MAX_BYTES) return setError(t('dashboard.avatarTooBig'));
    setBusy(true);
    try {
      const { avatarUrl } = await withToken((token) => api.uploadAvatar(token, file));
      const nickname = channel.streamer?.nickname ?? channel.slug;
      onSaved({ ...channel, streamer: { nickname, avatarUrl } });
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card dash-card" aria-labelledby={`${id}-h`} data-testid="avatar-panel">
      <h2 id={`${id}-h`}>{t('dashboard.avatarTitle')}</h2>
      <div className="dash-row">
        <StreamerAvatar channel={channel} className="dash-avatar" />
        <label className="button button--ghost dash-avatar__pick">
          {busy ? t('dashboard.avatarUploading') : t('dashboard.avatarUpload')}
          <input
            type="file"
            className="visually-hidden"
            accept={TYPES.join(',')}
            data-testid="avatar-input"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      <p className="dash-muted">{t('dashboard.avatarHint')}</p>
      <FormError message={error} />
    </section>
  );
}
