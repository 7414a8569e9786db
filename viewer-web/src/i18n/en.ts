import type { Messages } from './ko';

export const en: Messages = {
  app: {
    brand: 'Lait',
    brandKo: '라잇',
    home: 'Home',
    language: 'Language',
    notFoundTitle: 'Page not found',
    notFoundBody: 'The address changed or the page never existed.',
    backHome: 'Back to home',
  },
  language: { ko: '한국어', en: 'English' },
  common: {
    live: 'LIVE',
    viewers: '{{n, number}} watching',
    loading: 'Loading…',
    noCategory: 'No category',
  },
  directory: {
    title: 'Live now',
    empty: 'No channels are live right now',
    emptyHint: 'Channels show up here as soon as they go live.',
    error: 'Could not load channels. Retrying shortly.',
    liveCount: '{{n, number}} live',
  },
  channel: {
    offline: 'Offline',
    offlineHint: 'Playback starts by itself when the stream goes live.',
    notFoundTitle: 'Channel not found',
    notFoundBody: 'Check the address or find another stream on the home page.',
    error: 'Could not load the channel. Retrying.',
    uptime: 'Live for {{time}}',
  },
  player: {
    unmute: 'Unmute',
    mute: 'Mute',
    latency: 'Latency {{value}} s',
    loading: 'Loading the stream…',
    recovering: 'Reconnecting…',
    checking: 'Checking the stream…',
    error: 'Playback failed. Reconnecting.',
    unsupported: 'This browser cannot play the stream.',
  },
};
