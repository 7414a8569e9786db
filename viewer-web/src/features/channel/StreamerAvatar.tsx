import type { ChannelPublic } from '@lait/shared';

/** The name a channel goes by: its streamer's nickname, or the slug for a channel no account owns. */
export function streamerName(channel: ChannelPublic): string {
  return channel.streamer?.nickname ?? channel.slug;
}

export interface StreamerAvatarProps {
  channel: ChannelPublic;
  className: string;
}

/** The streamer's avatar, or the first letter of their nickname on a coloured disc until they upload one. */
export function StreamerAvatar({ channel, className }: StreamerAvatarProps) {
  const url = channel.streamer?.avatarUrl ?? null;
  if (url) return <img className={className} src={url} alt="" data-testid="streamer-avatar" />;
  return (
    <span className={className} aria-hidden="true" data-testid="streamer-avatar">
      {streamerName(channel).trim().charAt(0).toUpperCase()}
    </span>
  );
}
