// Explanations in the reader's language. The engine writes what it explains as messages (`explain(key, params)`);
// their words live in shared/i18n/<lang>/explain-<area>.json, one file per area of the engine, the key's first part
// naming the area ("net.arpMiss" is "arpMiss" in explain-net.json). The app, the slides and the capture's comments
// render them with `proseText`; a message missing in a language falls back to English.
import type { Prose, ProseMessage, TraceStep } from './trace';
import { interpolate } from '../model/checks';
import enNet from '../i18n/en/explain-net.json';
import enDns from '../i18n/en/explain-dns.json';
import enRouter from '../i18n/en/explain-router.json';
import enTcp from '../i18n/en/explain-tcp.json';
import enDhcp from '../i18n/en/explain-dhcp.json';
import enWeb from '../i18n/en/explain-web.json';
import koNet from '../i18n/ko/explain-net.json';
import koDns from '../i18n/ko/explain-dns.json';
import koRouter from '../i18n/ko/explain-router.json';
import koTcp from '../i18n/ko/explain-tcp.json';
import koDhcp from '../i18n/ko/explain-dhcp.json';
import koWeb from '../i18n/ko/explain-web.json';
import enOutcome from '../i18n/en/explain-outcome.json';
import enTls from '../i18n/en/explain-tls.json';
import koTls from '../i18n/ko/explain-tls.json';
import koOutcome from '../i18n/ko/explain-outcome.json';

export type ProseLang = 'en' | 'ko';
export const PROSE_LANGS: readonly ProseLang[] = ['en', 'ko'];

/** The language explanations are read in for a UI language ("ko", "ko-KR", "en-US"…): English unless written. */
export function proseLangOf(language: string | undefined): ProseLang {
  return PROSE_LANGS.find((lang) => language?.split('-')[0] === lang) ?? 'en';
}

/** Texts as in shared/i18n's JSON files: nested objects of strings. */
export type Messages = { [key: string]: string | Messages };

/** The text at a dotted `key` ("caption.l7.send") in a tree of messages, if there is one. */
export function messageAt(messages: Messages | undefined, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}
const AREAS = (
  net: object,
  dns: object,
  router: object,
  tcp: object,
  dhcp: object,
  web: object,
  outcome: object,
  tls: object,
): Record<string, Messages> => ({ net, dns, router, tcp, dhcp, web, outcome, tls }) as Record<string, Messages>;
const TEXTS: Record<ProseLang, Record<string, Messages>> = {
  en: AREAS(enNet, enDns, enRouter, enTcp, enDhcp, enWeb, enOutcome, enTls),
  ko: AREAS(koNet, koDns, koRouter, koTcp, koDhcp, koWeb, koOutcome, koTls),
};

/** The dotted paths to the strings of a message tree: { a: { b: '' }, c: '' } gives "a.b" | "c". */
type MessageKeys<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKeys<T[K]>}`;
}[keyof T & string];

/**
 * Every message the engine may explain, derived from the English files: a key that is not written there is a type
 * error (a template key such as `outcome.notResolved.${reason}` too, unless every reason has its message). A key
 * added to a JSON file is known at once.
 */
export type ExplainKey =
  | `net.${MessageKeys<typeof enNet>}`
  | `dns.${MessageKeys<typeof enDns>}`
  | `router.${MessageKeys<typeof enRouter>}`
  | `tcp.${MessageKeys<typeof enTcp>}`
  | `dhcp.${MessageKeys<typeof enDhcp>}`
  | `web.${MessageKeys<typeof enWeb>}`
  | `outcome.${MessageKeys<typeof enOutcome>}`
  | `tls.${MessageKeys<typeof enTls>}`;

/** A message for a learner: `key` is "<area>.<name>" (e.g. "dns.referral"), `params` fill its {{placeholders}}. */
export function explain(key: ExplainKey, params?: ProseMessage['params']): ProseMessage {
  return params ? { key, params } : { key };
}

/** The words of `key` in `lang`, if written. */
export function proseTemplate(lang: ProseLang, key: string): string | undefined {
  const dot = key.indexOf('.');
  return dot > 0 ? messageAt(TEXTS[lang][key.slice(0, dot)], key.slice(dot + 1)) : undefined;
}

/** Prose as text in `lang` (English where a message has no words in `lang`; the bare key where it has none at all). */
export function proseText(prose: Prose, lang: ProseLang = 'en'): string {
  if (typeof prose === 'string') return prose;
  if (Array.isArray(prose))
    return prose
      .map((p) => proseText(p, lang))
      .filter((s) => s.length > 0)
      .join(' ');
  const template = proseTemplate(lang, prose.key) ?? proseTemplate('en', prose.key);
  if (template === undefined) return prose.key;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(prose.params ?? {}))
    params[name] = typeof value === 'object' ? proseText(value, lang) : value;
  return interpolate(template, params);
}

/**
 * A step's one-line summary in `lang`: a decision or a drop in words where the engine wrote it as a message; a frame
 * the way Wireshark's Info column has it (protocol notation, English in every language, as in Wireshark).
 */
export function summaryText(step: TraceStep, lang: ProseLang = 'en'): string {
  return step.type !== 'frame' && step.summaryMessage ? proseText(step.summaryMessage, lang) : step.summary;
}

/** Every message in a piece of prose (to check that each has words in every language). */
export function proseMessages(prose: Prose): ProseMessage[] {
  if (typeof prose === 'string') return [];
  if (Array.isArray(prose)) return prose.flatMap(proseMessages);
  return [
    prose,
    ...Object.values(prose.params ?? {}).flatMap((value) => (typeof value === 'object' ? proseMessages(value) : [])),
  ];
}
