// Words on a slide. Captions come from the replay's texts (shared/i18n/*/replay.json, the same the app shows);
// the few labels of the slide frame itself live here, in both languages.
import en from '../i18n/en/replay.json';
import ko from '../i18n/ko/replay.json';
import { resolveParticles } from '../i18n/particles';
import { messageAt, type Messages } from '../engine/prose';
import { captionText, type Translate } from '../replay/captions';
import type { Caption } from '../replay/levels';

export type SlideLang = 'en' | 'ko';
export const SLIDE_LANGS: readonly SlideLang[] = ['en', 'ko'];

const CAPTIONS: Record<SlideLang, Messages> = { en: en as Messages, ko: ko as Messages };

/** A minimal i18next-compatible `t` over the replay texts ({{name}} interpolation, English as fallback). */
export function translator(lang: SlideLang): Translate {
  return (key, params) => {
    const template = messageAt(CAPTIONS[lang], key) ?? messageAt(CAPTIONS.en, key) ?? key;
    return resolveParticles(
      template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
        params && name in params ? String(params[name]) : '',
      ),
    );
  };
}

/** Why a packet was dropped, in words ("firewall", "TTL expired"), from the replay's texts; the code where none. */
export function dropReasonText(lang: SlideLang, reason: string): string {
  return (
    messageAt(CAPTIONS[lang], `decision.reasons.${reason}`) ??
    messageAt(CAPTIONS.en, `decision.reasons.${reason}`) ??
    reason
  );
}

export function captionToText(lang: SlideLang, caption: Caption): string {
  return captionText(translator(lang), caption, lang);
}

interface FrameWords {
  step: (n: number, total: number) => string;
  level: (n: number) => string;
  fieldsTitle: string;
  decisionTitle: string;
  dropTitle: string;
  journeyTitle: string;
  link: string;
  noFrame: string;
  changed: string;
  highlighted: string;
  warm: string;
  drop: string;
  dhcpAddress: string;
  kinds: Record<string, string>;
}

export const WORDS: Record<SlideLang, FrameWords> = {
  en: {
    step: (n, total) => `Step ${n} of ${total}`,
    level: (n) => `Level ${n}`,
    fieldsTitle: 'On the wire at this hop',
    decisionTitle: 'Decision',
    dropTitle: 'Dropped',
    journeyTitle: 'The journey',
    link: 'link',
    noFrame: 'No frame crosses a link in this step.',
    changed: 'changed at this hop',
    highlighted: 'used or changed in this step',
    warm: '(warm caches)',
    drop: 'DROP',
    dhcpAddress: 'DHCP',
    kinds: { host: 'host', switch: 'switch', router: 'router', firewall: 'firewall', server: 'server' },
  },
  ko: {
    step: (n, total) => `${total}단계 중 ${n}단계`,
    level: (n) => `수준 ${n}`,
    fieldsTitle: '이 구간의 헤더',
    decisionTitle: '판단',
    dropTitle: '폐기',
    journeyTitle: '여정',
    link: '링크',
    noFrame: '이 단계에서는 링크를 지나는 프레임이 없습니다.',
    changed: '이 구간에서 바뀐 값',
    highlighted: '이 단계에서 쓰이거나 바뀐 항목',
    warm: '(캐시가 찬 상태)',
    drop: '폐기',
    dhcpAddress: 'DHCP',
    kinds: { host: '호스트', switch: '스위치', router: '라우터', firewall: '방화벽', server: '서버' },
  },
};
