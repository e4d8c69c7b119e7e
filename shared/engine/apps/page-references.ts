// What a browser finds to fetch in a page it has received: the sub-resources its preload scanner sees in the HTML —
// <img src>, <link rel=stylesheet href> and <script src> — in document order, each resolved against the page's URL
// (or its <base href>), the same URL once. Text inside comments, <script>, <style>, <textarea> and <title> is not
// markup, so a tag written there is not a reference. Only http:// and https:// URLs are fetched over the network
// (data:, blob:, javascript: and the like are not).

export type ReferenceKind = 'stylesheet' | 'script' | 'image';

export interface PageReference {
  kind: ReferenceKind;
  /** The absolute URL, as the browser requests it (fragment removed). */
  url: string;
  /** The attribute's value as written in the page. */
  written: string;
}

/** Elements whose content is text, not markup (the HTML tokenizer's RAWTEXT / RCDATA / script data states). */
const TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe']);

/** Attributes of one start tag, names lower-cased, the first of a repeated name winning (as the HTML parser does). */
function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const name = m[1].toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

/** HTML's "strip leading and trailing ASCII whitespace" that URL attributes get before parsing. */
const trimUrl = (s: string) => s.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');

function resolve(written: string, base: string): string | undefined {
  const value = trimUrl(written);
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

/** The sub-resources of `html` received from `pageUrl`, in the order the browser requests them. */
export function findPageReferences(html: string, pageUrl: string): PageReference[] {
  const found: PageReference[] = [];
  const seen = new Set<string>([resolve(pageUrl, pageUrl) ?? pageUrl]);
  let base = pageUrl;
  let baseSet = false;
  const tag = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][^\s/>]*)([^>]*)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!m[1]) continue; // a comment
    const name = m[1].toLowerCase();
    const attrs = attributes(m[2]);
    const add = (kind: ReferenceKind, written: string | undefined) => {
      if (written === undefined) return;
      const url = resolve(written, base);
      if (!url || seen.has(url)) return;
      seen.add(url);
      found.push({ kind, url, written });
    };
    if (name === 'base' && !baseSet && attrs.has('href')) {
      // Only the first <base href> counts, and only for what comes after it.
      const url = resolve(attrs.get('href')!, pageUrl);
      if (url) base = url;
      baseSet = true;
    } else if (name === 'img') add('image', attrs.get('src'));
    else if (name === 'link') {
      const rel = (attrs.get('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
      if (rel.includes('stylesheet')) add('stylesheet', attrs.get('href'));
    } else if (name === 'script') add('script', attrs.get('src'));
    if (TEXT_ELEMENTS.has(name)) {
      // Skip to the element's end tag: nothing inside is markup ("<script/>" is no end in HTML either).
      const end = new RegExp(`</${name}[\\s/>]`, 'gi');
      end.lastIndex = tag.lastIndex;
      const close = end.exec(html);
      tag.lastIndex = close ? close.index : html.length;
    }
  }
  return found;
}
