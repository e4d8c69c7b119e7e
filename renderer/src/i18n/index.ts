// Every namespace of every language comes from shared/i18n/<lang>/<namespace>.json, so the renderer, the engine's
// captions and the CLI share one set of texts.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resolveParticles } from '../../../shared/i18n/particles';

/** Korean particle pairs after interpolated values ("{{name}}을(를)") become the one form the value takes. */
const particlesPostProcessor = {
  type: 'postProcessor' as const,
  name: 'particles',
  process: (value: string) => resolveParticles(value),
};

const files = import.meta.glob<Record<string, unknown>>('../../../shared/i18n/*/*.json', {
  eager: true,
  import: 'default',
});

type Resources = Record<string, Record<string, Record<string, unknown>>>;

export function collectResources(modules: Record<string, Record<string, unknown>>): Resources {
  const resources: Resources = {};
  for (const [path, content] of Object.entries(modules)) {
    const match = /\/([a-z]{2})\/([A-Za-z0-9_-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lang, ns] = match;
    (resources[lang] ??= {})[ns] = content;
  }
  return resources;
}

const resources = collectResources(files);

export function initI18n(language: string) {
  void i18next
    .use(initReactI18next)
    .use(particlesPostProcessor)
    .init({
      resources,
      lng: language,
      fallbackLng: 'en',
      ns: Object.keys(resources.en ?? { app: {} }),
      defaultNS: 'app',
      interpolation: { escapeValue: false },
      returnNull: false,
      postProcess: ['particles'],
    });
  return i18next;
}

export { i18next };
