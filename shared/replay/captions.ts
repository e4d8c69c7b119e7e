// Turns a caption (key + params, params possibly captions themselves or the engine's words) into text with any
// i18next-like `t`; `lang` is the language of `t`, for the engine's words.
import { proseText, type ProseLang } from '../engine/prose';
import type { Caption, CaptionParam, EngineWords } from './levels';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

function isCaption(p: CaptionParam): p is Caption {
  return typeof p === 'object' && p !== null && 'key' in p;
}
function isEngineWords(p: CaptionParam): p is EngineWords {
  return typeof p === 'object' && p !== null && 'prose' in p;
}

export function captionText(t: Translate, caption: Caption, lang: ProseLang = 'en'): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(caption.params)) {
    params[name] = isCaption(value)
      ? captionText(t, value, lang)
      : isEngineWords(value)
        ? proseText(value.prose, lang)
        : value;
  }
  return t(caption.key, params);
}

/** Every caption key a caption uses, nested ones included (for checking that both languages have them). */
export function captionKeys(caption: Caption): string[] {
  const keys = [caption.key];
  for (const value of Object.values(caption.params)) if (isCaption(value)) keys.push(...captionKeys(value));
  return keys;
}
