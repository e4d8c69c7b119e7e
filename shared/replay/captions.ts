// Turns a caption (key + params, params possibly captions themselves) into text with any i18next-like `t`.
import type { Caption, CaptionParam } from './levels';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

function isCaption(p: CaptionParam): p is Caption {
  return typeof p === 'object' && p !== null && 'key' in p;
}

export function captionText(t: Translate, caption: Caption): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(caption.params)) params[name] = isCaption(value) ? captionText(t, value) : value;
  return t(caption.key, params);
}

/** Every caption key a caption uses, nested ones included (for checking that both languages have them). */
export function captionKeys(caption: Caption): string[] {
  const keys = [caption.key];
  for (const value of Object.values(caption.params)) if (isCaption(value)) keys.push(...captionKeys(value));
  return keys;
}
