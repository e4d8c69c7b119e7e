import { describe, expect, it } from 'vitest';
import { formatDeepLink, parseDeepLink } from './deep-link';

describe('deep links to a moment of a journey', () => {
  it('reads the example from the issue', () => {
    expect(parseDeepLink('#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=12')).toEqual({
      sample: 'home-to-web',
      from: 'pc',
      url: 'http://www.example.com/',
      level: 7,
      step: 12,
    });
  });
  it('accepts the same link without the hash and as a packet-journey:// address, with warm and seed', () => {
    expect(parseDeepLink('/open/small-lan?warm=1&seed=42')).toEqual({ sample: 'small-lan', warm: true, seed: 42 });
    expect(parseDeepLink('packet-journey://open/home-to-web.packetjourney?level=3')).toEqual({
      sample: 'home-to-web',
      level: 3,
    });
  });
  it('leaves out values out of range and refuses names that are not sample names', () => {
    expect(parseDeepLink('#/open/home-to-web?level=9&step=-1&seed=x')).toEqual({ sample: 'home-to-web' });
    expect(parseDeepLink('#/open/../etc/passwd')).toBeUndefined();
    expect(parseDeepLink('#/open/%E0%A4%A')).toBeUndefined();
    expect(parseDeepLink('home-to-web.packetjourney')).toBeUndefined();
    expect(parseDeepLink('#/edit/home-to-web')).toBeUndefined();
  });
  it('formats a link that parses back to the same moment', () => {
    const link = {
      sample: 'home-to-web',
      from: 'pc',
      url: 'http://www.example.com/a?b=c&d',
      level: 5 as const,
      step: 40,
      warm: true,
      seed: 7,
    };
    const text = formatDeepLink(link);
    expect(text.startsWith('#/open/home-to-web?from=pc&url=http://www.example.com/a')).toBe(true);
    expect(parseDeepLink(text)).toEqual(link);
  });
});
