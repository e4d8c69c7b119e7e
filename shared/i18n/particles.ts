// Korean particles that depend on the sound a word ends in: 을/를, 이/가, 은/는, 과/와, 으로/로, 이라/라. A Korean
// text writes the pair after an interpolated value — "{{name}}을(를)", "{{dst}}(으)로" — and the interpolated text
// goes through `resolveParticles`, which keeps the one form that fits the value before it (pc를, 203.0.113.80으로,
// web을, 규칙 r1이). Names and values are often Latin or digits, so they are read as a Korean speaker would say them:
// digits by their Korean reading, acronyms letter by letter ("pc" → 피씨), words by their usual Korean spelling
// ("web" → 웹, "home" → 홈, "server" → 서버).

/** How a word ends, for choosing a particle: a vowel, ㄹ (which takes 로 like a vowel), or another consonant. */
export type FinalSound = 'vowel' | 'rieul' | 'consonant';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_CODA = 8;

// Digits read in Korean: 영 일 이 삼 사 오 육 칠 팔 구.
const DIGIT_SOUND: FinalSound[] = [
  'consonant',
  'rieul',
  'vowel',
  'consonant',
  'vowel',
  'vowel',
  'consonant',
  'rieul',
  'rieul',
  'vowel',
];

// A letter's name as it is said in Korean (에이, 비, 씨, … 엘, 엠, 엔, … 알, …).
const LETTER_NAME_SOUND: Record<string, FinalSound> = { l: 'rieul', m: 'consonant', n: 'consonant', r: 'rieul' };

const VOWEL_LETTERS = new Set(['a', 'e', 'i', 'o', 'u']);
const isVowelLetter = (c: string | undefined) => c !== undefined && VOWEL_LETTERS.has(c);

/** Characters a value may end in that are not read (quotes, brackets, a DNS name's trailing dot, a path's slash). */
const SILENT = new Set(['"', "'", '“', '”', '‘', '’', ')', ']', '}', '>', '.', '/', '」', '』', '》', '〉']);

function hangulSound(code: number): FinalSound {
  const coda = (code - HANGUL_FIRST) % 28;
  return coda === 0 ? 'vowel' : coda === RIEUL_CODA ? 'rieul' : 'consonant';
}

/** A number by its last digits read in Korean: …1 일, …2 이; trailing zeros end in 십, 백, 천 or 만 (all consonants). */
function numberSound(digits: string): FinalSound {
  const last = digits[digits.length - 1];
  if (last !== '0' || /^0+$/.test(digits)) return DIGIT_SOUND[Number(last)];
  return 'consonant';
}

/**
 * A Latin word as Korean spells it. Short words without a vowel letter and all-capital words up to four letters are
 * acronyms, said letter by letter (pc 피씨, DNS 디엔에스, TTL 티티엘); others are said as words: m, n, ng end in a
 * consonant (home 홈, lan 랜), l in ㄹ (mail 메일), b/p/k/t after a single short vowel in a consonant (web 웹, net 넷,
 * app 앱), and the rest in a vowel (server 서버, root 루트, host 호스트, cache 캐시).
 */
function latinSound(word: string): FinalSound {
  const lower = word.toLowerCase();
  const acronym = word.length <= 2 || (word.length <= 4 && word === word.toUpperCase()) || !/[aeiouy]/.test(lower);
  const last = lower[lower.length - 1];
  if (acronym) return LETTER_NAME_SOUND[last] ?? 'vowel';
  let end = lower;
  // A silent final e: the consonant before it decides (home 홈, file 파일, core 코어, page 페이지).
  if (last === 'e' && end.length > 2 && !isVowelLetter(end[end.length - 2])) {
    const c = end[end.length - 2];
    return c === 'm' || c === 'n' ? 'consonant' : c === 'l' ? 'rieul' : 'vowel';
  }
  // A doubled consonant is said once (app 앱, stack 스택).
  if (end.endsWith('ck') || (end.length > 2 && end[end.length - 1] === end[end.length - 2])) end = end.slice(0, -1);
  const c = end[end.length - 1];
  if (c === 'm' || c === 'n') return 'consonant';
  if (c === 'g') return end.endsWith('ng') ? 'consonant' : 'vowel';
  if (c === 'l') return 'rieul';
  if ('bpkct'.includes(c)) {
    const before = end[end.length - 2];
    const single = isVowelLetter(before) && !isVowelLetter(end[end.length - 3]);
    return single ? 'consonant' : 'vowel';
  }
  return 'vowel';
}

/** How `text` ends when read aloud in Korean, or undefined when it ends in nothing readable. */
export function finalSound(text: string): FinalSound | undefined {
  let end = text.length;
  while (end > 0 && (SILENT.has(text[end - 1]) || /\s/.test(text[end - 1]))) end--;
  if (end === 0) return undefined;
  const code = text.charCodeAt(end - 1);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return hangulSound(code);
  const digits = /[0-9]+$/.exec(text.slice(0, end));
  if (digits) {
    // "0x1a2b"-style hex or "eth0": the digits at the end are what is said last.
    return numberSound(digits[0]);
  }
  const latin = /[A-Za-z]+$/.exec(text.slice(0, end));
  if (latin) {
    // A letter right after digits (0x1a2b, 2b) is said as a letter name.
    const start = end - latin[0].length;
    if (start > 0 && /[0-9]/.test(text[start - 1]))
      return LETTER_NAME_SOUND[latin[0].slice(-1).toLowerCase()] ?? 'vowel';
    return latinSound(latin[0]);
  }
  return undefined;
}

interface Pair {
  /** After a consonant (and, except for 으로, after ㄹ). */
  consonant: string;
  vowel: string;
  /** ㄹ takes the vowel form (으로/로 only). */
  rieulTakesVowel?: boolean;
}

// Each notation a Korean text may write, and the two forms it stands for.
const PAIRS: Record<string, Pair> = {
  '을(를)': { consonant: '을', vowel: '를' },
  '를(을)': { consonant: '을', vowel: '를' },
  '이(가)': { consonant: '이', vowel: '가' },
  '가(이)': { consonant: '이', vowel: '가' },
  '은(는)': { consonant: '은', vowel: '는' },
  '는(은)': { consonant: '은', vowel: '는' },
  '과(와)': { consonant: '과', vowel: '와' },
  '와(과)': { consonant: '과', vowel: '와' },
  '(으)로': { consonant: '으로', vowel: '로', rieulTakesVowel: true },
  '(이)라': { consonant: '이라', vowel: '라' },
};

const NOTATION = /을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)라/g;

/** The form of a particle pair that follows `word` ("을(를)" after "pc" → "를"). */
export function particle(word: string, notation: keyof typeof PAIRS | string): string {
  const pair = PAIRS[notation];
  if (!pair) return notation;
  const sound = finalSound(word) ?? 'consonant';
  if (sound === 'vowel' || (sound === 'rieul' && pair.rieulTakesVowel)) return pair.vowel;
  return pair.consonant;
}

/** Replaces every particle pair in `text` by the form the text before it takes. Text without pairs is returned as is. */
export function resolveParticles(text: string): string {
  if (!text.includes('(')) return text;
  return text.replace(NOTATION, (notation: string, offset: number) =>
    particle(text.slice(Math.max(0, offset - 64), offset), notation),
  );
}
