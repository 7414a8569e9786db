/** Korean strings: the source of truth for every key; `en` must have the same shape. */
export const ko = {
  app: {
    brand: 'Lait',
    brandKo: '라잇',
    home: '홈',
    language: '언어',
    notFoundTitle: '페이지를 찾을 수 없어요',
    notFoundBody: '주소가 바뀌었거나 없는 페이지예요.',
    backHome: '홈으로 가기',
  },
  language: { ko: '한국어', en: 'English' },
  common: {
    live: 'LIVE',
    viewers: '{{n, number}}명 시청 중',
    loading: '불러오는 중…',
    noCategory: '카테고리 없음',
  },
  directory: {
    title: '지금 라이브',
    empty: '지금 방송 중인 채널이 없어요',
    emptyHint: '방송이 시작되면 여기에 바로 나타나요.',
    error: '채널 목록을 불러오지 못했어요. 잠시 후 다시 시도할게요.',
    liveCount: '{{n, number}}개 채널 방송 중',
  },
  channel: {
    offline: '오프라인',
    offlineHint: '방송이 시작되면 자동으로 재생돼요.',
    notFoundTitle: '채널을 찾을 수 없어요',
    notFoundBody: '주소를 확인하거나 홈에서 다른 방송을 찾아보세요.',
    error: '채널 정보를 불러오지 못했어요. 다시 시도하는 중이에요.',
    uptime: '{{time}} 방송 중',
  },
  player: {
    unmute: '소리 켜기',
    mute: '음소거',
    latency: '지연 {{value}}초',
    loading: '방송을 불러오는 중…',
    recovering: '연결을 복구하는 중…',
    checking: '방송 상태를 확인하는 중…',
    error: '재생할 수 없어요. 다시 연결하는 중이에요.',
    unsupported: '이 브라우저에서는 방송을 재생할 수 없어요.',
  },
};

export type Messages = typeof ko;
