import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  IpcRejection,
  NoPayload,
  OpenPathPayload,
  SaveRequestPayload,
  SetTitlePayload,
  SimulatePayload,
  isTrustedSenderUrl,
  parsePayload,
} from './ipc-validation';
import { assertTrustedSender } from './ipc';
import { MAX_TOPOLOGY_BYTES } from './files';

const indexHtml = '/opt/Packet Journey/resources/app/out/renderer/index.html';
const ourPage = 'app://packet-journey/index.html';
const production = { appOrigin: true };
const development = { devOrigin: 'http://localhost:5173/' };

describe('isTrustedSenderUrl', () => {
  it('trusts our renderer page, with any query or hash', () => {
    expect(isTrustedSenderUrl(ourPage, production)).toBe(true);
    expect(isTrustedSenderUrl(`${ourPage}#/replay?step=3`, production)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', development)).toBe(true);
  });

  it('rejects other files, remote pages, look-alike hosts and garbage', () => {
    expect(isTrustedSenderUrl(pathToFileURL('/tmp/evil.html').href, production)).toBe(false);
    // The built page as a file: the app is not served from file:// any more, so no file is trusted.
    expect(isTrustedSenderUrl(pathToFileURL(indexHtml).href, production)).toBe(false);
    expect(isTrustedSenderUrl('app://packet-journey.evil/index.html', production)).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/', production)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', production)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5174/', development)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173.evil.com/', development)).toBe(false);
    expect(isTrustedSenderUrl(ourPage, development)).toBe(false);
    expect(isTrustedSenderUrl('not a url', production)).toBe(false);
    expect(isTrustedSenderUrl(undefined, production)).toBe(false);
  });
});

describe('assertTrustedSender', () => {
  const top = { url: ourPage, parent: null };
  it('accepts the top frame of our page', () => {
    expect(() => assertTrustedSender('file:open', { senderFrame: top } as never, production)).not.toThrow();
  });
  it('rejects a subframe of our page, a foreign page and a frame that is gone', () => {
    expect(() =>
      assertTrustedSender('file:open', { senderFrame: { ...top, parent: top } } as never, production),
    ).toThrow(IpcRejection);
    expect(() =>
      assertTrustedSender(
        'file:open',
        { senderFrame: { url: 'https://evil.example/', parent: null } } as never,
        production,
      ),
    ).toThrow('Rejected IPC message on "file:open": sender https://evil.example/ is not the Packet Journey window');
    expect(() => assertTrustedSender('file:open', { senderFrame: null } as never, production)).toThrow(IpcRejection);
  });
});

describe('payload schemas', () => {
  const scenario = { from: 'pc', url: 'http://www.example.com/', seed: 1, warm: false };

  it('accept well-formed payloads unchanged', () => {
    const save = { text: '{}\n', name: 'net.packetjourney', path: '/home/me/net.packetjourney', saveAs: false };
    expect(parsePayload('file:save', SaveRequestPayload, save)).toEqual(save);
    expect(parsePayload('file:open-path', OpenPathPayload, '/home/me/net.packetjourney')).toBe(
      '/home/me/net.packetjourney',
    );
    expect(
      parsePayload('engine:simulate', SimulatePayload, { requestId: 'run-1', topologyText: '{}', scenario }),
    ).toEqual({
      requestId: 'run-1',
      topologyText: '{}',
      scenario,
    });
    expect(parsePayload('window:set-title', SetTitlePayload, { title: '• net — Packet Journey', dirty: true })).toEqual(
      {
        title: '• net — Packet Journey',
        dirty: true,
      },
    );
    expect(parsePayload('file:open', NoPayload, undefined)).toBeUndefined();
  });

  it('reject relative paths, NUL bytes, extra fields, wrong types and oversized text, naming the channel and field', () => {
    expect(() => parsePayload('file:open-path', OpenPathPayload, '../../etc/passwd')).toThrow(
      'Rejected IPC message on "file:open-path": payload: must be an absolute file path',
    );
    expect(() => parsePayload('file:open-path', OpenPathPayload, '/tmp/a\0b')).toThrow(IpcRejection);
    expect(() => parsePayload('file:open-path', OpenPathPayload, 42)).toThrow(IpcRejection);
    expect(() =>
      parsePayload('file:save', SaveRequestPayload, { text: '{}', name: 'n', saveAs: false, extra: 1 }),
    ).toThrow(IpcRejection);
    expect(() => parsePayload('file:save', SaveRequestPayload, { text: '{}', name: 'n', saveAs: 'yes' })).toThrow(
      /saveAs/,
    );
    expect(() =>
      parsePayload('file:save', SaveRequestPayload, {
        text: 'x'.repeat(MAX_TOPOLOGY_BYTES + 1),
        name: 'n',
        saveAs: false,
      }),
    ).toThrow(/text/);
    expect(() =>
      parsePayload('engine:simulate', SimulatePayload, { requestId: 'run 1; rm -rf', topologyText: '{}', scenario }),
    ).toThrow(/requestId/);
    expect(() =>
      parsePayload('engine:simulate', SimulatePayload, {
        requestId: 'r',
        topologyText: '{}',
        scenario: { ...scenario, seed: 1.5 },
      }),
    ).toThrow(/scenario\.seed/);
    expect(() => parsePayload('file:open', NoPayload, { sneaky: true })).toThrow(IpcRejection);
  });
});
