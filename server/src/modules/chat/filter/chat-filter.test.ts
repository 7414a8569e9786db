import { describe, expect, it } from 'vitest';
import { createFilter } from './chat-filter.js';
import { loadDefaultLists } from './list-files.js';

const lists = loadDefaultLists();
const filter = createFilter(lists);
const words = (text: string): string[] => filter.check(text).matches.map((match) => match.word);

describe('createFilter: dodges', () => {
  it.each([
    ['spaces', '시 발'],
    ['symbols and digits inside', '씨@발'],
    ['digits inside', '시1발'],
    ['zero-width characters', '시\u200b발'],
    ['word joiner and BOM', '시\u2060\ufeff발'],
    ['Hangul filler', '시\u3164발'],
    ['conjoining fillers', '시\u115f\u1160발'],
    ['emoji between syllables', '시😀발'],
    ['compatibility jamo spelled out', 'ㅅㅣㅂㅏㄹ'],
    ['NFD conjoining jamo', '시발'.normalize('NFD')],
    ['initial consonants', 'ㅅㅂ'],
    ['tense initial consonants', 'ㅆㅂ'],
    ['vowel variant ㅢ', '씌발'],
    ['vowel variant ㅓ', '시벌'],
    ['tense variant', '씨빨'],
    ['vowel variant ㅟ', '쉬발'],
    ['liaison spelling', '십알'],
    ['stretched vowel', '시이이이발'],
    ['Latin keyboard mode', 'tlqkf'],
    ['Latin keyboard mode with shift', 'Tlqkf'],
    ['romanisation', 'ssibal'],
  ])('catches %s (%s) as 시발', (_name, text) => {
    expect(words(text)).toEqual(['시발']);
  });

  it.each([
    ['ㅂㅅ', '병신'],
    ['ㅄ', '병신'],
    ['qudtls', '병신'],
    ['byungsin', '병신'],
    ['ㅈㄹ', '지랄'],
    ['조온나', '존나'],
    ['ｆｕｃｋ', 'fuck'],
    ['f*ck', 'fuck'],
    ['fuk', 'fuck'],
    ['sh1t', 'shit'],
    ['$hit', 'shit'],
    ['a$$', 'ass'],
    ['fuuuuuck', 'fuck'],
    ['f u c k', 'fuck'],
  ])('catches %s as %s', (text, word) => {
    expect(words(text)).toEqual([word]);
  });
});

describe('createFilter: ordinary words stay clean', () => {
  it.each([
    '시발점에서 다시',
    '수박씨 발라 먹어',
    '새끼 고양이 귀여워',
    '새끼손가락 걸고 약속',
    '병신년 새해 복 많이 받으세요',
    '18세 이용가',
    '한 시 반에 만나',
    '시 발표회 가요',
    'Scunthorpe',
    'assassin',
    'classic',
    'as you wish',
    'push it',
    'Dickens',
    'ㅋㅋㅋ ㄹㅇ ㅇㅈ',
  ])('%s', (text) => {
    expect(filter.check(text).matches).toEqual([]);
  });

  it('still catches the listed word outside the allowed phrase', () => {
    expect(words('새끼 고양이 같은 새끼')).toEqual(['새끼']);
  });
});

describe('createFilter: masking', () => {
  it('masks the original characters of the span and keeps the rest', () => {
    const verdict = filter.check('아 씨@발 진짜');
    expect(verdict.matches).toEqual([{ word: '시발', start: 2, end: 5 }]);
    expect(verdict.masked).toBe('아 *** 진짜');
  });

  it('keeps spaces inside a spaced-out match', () => {
    expect(filter.check('개 새 끼야').masked).toBe('* * *야');
  });

  it('masks an emoji inside a match as one character', () => {
    expect(filter.check('시😀발').masked).toBe('***');
  });

  it('masks a stretched tail', () => {
    expect(filter.check('fuuuuck!').masked).toBe('*******!');
  });

  it('uses the configured mask character', () => {
    const hearts = createFilter({ ...lists, maskChar: '♡' });
    expect(hearts.check('ㅅㅂ 뭐야').masked).toBe('♡♡ 뭐야');
  });

  it('returns the text unchanged when clean', () => {
    expect(filter.check('안녕하세요')).toEqual({ blocked: false, masked: '안녕하세요', matches: [] });
  });
});

describe('createFilter: mask vs block', () => {
  it('does not block in mask mode', () => {
    expect(filter.check('시발').blocked).toBe(false);
  });

  it('blocks a message with a match in block mode, and only then', () => {
    const blocking = createFilter({ ...lists, action: 'block' });
    expect(blocking.check('시발').blocked).toBe(true);
    expect(blocking.check('시발점').blocked).toBe(false);
  });
});

describe('createFilter: custom lists', () => {
  it('skips forms too short to be safe after normalisation', () => {
    const custom = createFilter({ words: ['ㅉ', '바보'] });
    expect(custom.check('ㅉㅉ').matches).toEqual([]);
    expect(custom.check('바보야').matches).toEqual([{ word: '바보', start: 0, end: 2 }]);
  });

  it('expands [..] alternatives and honours $', () => {
    const custom = createFilter({ words: [{ word: 'dang', forms: ['^d[ae]ng$'] }] });
    expect(custom.check('deng it').matches).toHaveLength(1);
    expect(custom.check('dangerous').matches).toEqual([]);
  });
});

describe('createFilter: classes of dodges and of ordinary words', () => {
  it.each(['씨ㅡ발', '병ㅣ신', '시ㅢ발', '씨ㅏ발', '시l발', '지ㅡ랄'])('reads a filler vowel or stroke inside a word as padding (%s)', (text) => {
    expect(words(text)).toHaveLength(1);
  });

  it.each([
    ['시bal', '시발'],
    ['si발', '시발'],
    ['병sin', '병신'],
    ['병tls', '병신'],
    ['개saekki', '개새끼'],
    ['jon나', '존나'],
  ])('reads the Latin half of a mixed word as Hangul (%s)', (text, word) => {
    expect(words(text)).toEqual([word]);
  });

  it('masks the whole mixed word, Latin half included', () => {
    expect(filter.check('아 시bal 진짜').masked).toBe('아 **** 진짜');
  });

  it('leaves mixed chat without a listed word alone', () => {
    expect(words('오늘 lol 해요?')).toEqual([]);
    expect(words('ㄹㅇ clutch')).toEqual([]);
  });

  it.each(['새끼 여우가 나왔어', '고양이가 새끼 낳았대', '우리 새끼 귀엽다', '새끼 때부터 키웠어요', '시발 버스 몇 시예요?', '시바사키 코우'])(
    'lets an ordinary use pass (%s)',
    (text) => {
      expect(words(text)).toEqual([]);
    },
  );

  it.each(['이 새끼 때문에', '돼지 새끼야', '새끼 말이야', '시발 차 막히네'])('still catches the insult beside an allowed phrase (%s)', (text) => {
    expect(words(text).length).toBeGreaterThan(0);
  });
});

describe('expandForm', () => {
  it('expands {..|..} word alternatives, empty included', () => {
    const custom = createFilter({ words: ['바보'], allow: ['바보{상자|온달|}같'] });
    expect(custom.check('바보상자 같아').matches).toEqual([]);
    expect(custom.check('바보 같아').matches).toEqual([]);
    expect(custom.check('바보야').matches).toHaveLength(1);
  });
});
