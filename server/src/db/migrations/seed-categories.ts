/** Categories every Lait starts with (a migration seeds them; later edits are data, not code). */
export const SEED_CATEGORIES = [
  { slug: 'games', nameKo: '게임', nameEn: 'Games' },
  { slug: 'talk', nameKo: '토크', nameEn: 'Just Chatting' },
  { slug: 'music', nameKo: '음악', nameEn: 'Music' },
  { slug: 'radio', nameKo: '라디오', nameEn: 'Radio' },
  { slug: 'daily', nameKo: '일상', nameEn: 'Daily Life' },
  { slug: 'education', nameKo: '온라인 교육', nameEn: 'Online Education' },
  { slug: 'events', nameKo: '행사 중계', nameEn: 'Event Coverage' },
  { slug: 'sports', nameKo: '스포츠', nameEn: 'Sports' },
  { slug: 'art', nameKo: '아트', nameEn: 'Art' },
  { slug: 'cooking', nameKo: '요리·먹방', nameEn: 'Food & Cooking' },
  { slug: 'tech', nameKo: '과학·기술', nameEn: 'Science & Technology' },
  { slug: 'travel', nameKo: '여행·야외', nameEn: 'Travel & Outdoors' },
  { slug: 'asmr', nameKo: 'ASMR', nameEn: 'ASMR' },
  { slug: 'news', nameKo: '뉴스·시사', nameEn: 'News & Current Affairs' },
] as const;
