import { describe, expect, it } from 'vitest';
import { fileFromArgv, journeyLinkFromArgv } from './launch-args';
import { isAllowedRequestUrl } from './security';

describe('fileFromArgv', () => {
  it('finds the topology file among Electron and Chromium arguments, resolved against the launch directory', () => {
    expect(fileFromArgv(['/usr/bin/packet-journey', '--no-sandbox', 'nets/home.packetjourney'], '/home/me')).toBe(
      '/home/me/nets/home.packetjourney',
    );
    expect(fileFromArgv(['electron', '.', '/abs/Home.PacketJourney'], '/x')).toBe('/abs/Home.PacketJourney');
  });
  it('ignores the app path, flags and other files', () => {
    expect(fileFromArgv(['/usr/bin/packet-journey'], '/home/me')).toBeUndefined();
    expect(fileFromArgv(['electron', '.', '--inspect=9229', 'notes.txt'], '/home/me')).toBeUndefined();
  });
});

describe('journeyLinkFromArgv', () => {
  const link = '#/open/home-to-web?from=pc&url=http://www.example.com/&level=7&step=12';
  it('finds a link to a moment of a journey among the arguments, as given', () => {
    expect(journeyLinkFromArgv(['/usr/bin/packet-journey', '--no-sandbox', link])).toBe(link);
    expect(journeyLinkFromArgv(['electron', '.', 'packet-journey://open/small-lan?step=3'])).toBe(
      'packet-journey://open/small-lan?step=3',
    );
  });
  it('ignores files, flags and malformed links', () => {
    expect(journeyLinkFromArgv(['packet-journey', 'nets/home.packetjourney', '--open=#/open/x'])).toBeUndefined();
    expect(journeyLinkFromArgv(['packet-journey', '#/open/../../etc'])).toBeUndefined();
    expect(fileFromArgv(['packet-journey', link], '/home/me')).toBeUndefined();
  });
});

describe('isAllowedRequestUrl (no remote content)', () => {
  it('allows our pages (app://) and in-memory resources, and no file: URL', () => {
    expect(isAllowedRequestUrl('app://packet-journey/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('file:///opt/app/out/renderer/assets/index.js')).toBe(false);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://packet-journey/1234')).toBe(true);
  });
  it('blocks the network, and allows the dev server only in development', () => {
    expect(isAllowedRequestUrl('https://www.example.com/')).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequestUrl('http://evil.example/', 'http://localhost:5173')).toBe(false);
  });
});
