import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './address';
import { WireError } from './error';
import { LINUX_VETH } from './fixtures/linux-veth';
import {
  emitHttpRequest,
  emitHttpResponse,
  httpMessageLength,
  looksLikeHttp,
  parseHttpHead,
  parseHttpRequest,
  parseHttpResponse,
} from './http';
import { parseTcp } from './tcp';
import { ipv4Of } from './testing';

const enc = new TextEncoder();
const tcpPayload = (hex: string) => {
  const ip = ipv4Of(hex);
  return parseTcp(ip.payload, ip.repr.src, ip.repr.dst).payload;
};

describe('http', () => {
  it('parses and re-emits the real request and response of the Linux capture', () => {
    const get = tcpPayload(LINUX_VETH.httpGet);
    const request = parseHttpRequest(get);
    expect(request).toEqual({
      method: 'GET',
      target: '/',
      version: 'HTTP/1.1',
      headers: [['Host', 'x']],
      body: new Uint8Array(0),
    });
    expect(toHex(emitHttpRequest(request))).toBe(toHex(get));
    const ok = tcpPayload(LINUX_VETH.httpOk);
    const response = parseHttpResponse(ok);
    expect(response).toMatchObject({
      version: 'HTTP/1.1',
      status: 200,
      reason: 'OK',
      headers: [['Content-Length', '2']],
    });
    expect(new TextDecoder().decode(response.body)).toBe('hi');
    expect(toHex(emitHttpResponse(response))).toBe(toHex(ok));
  });

  it('emits a browser-like GET with CRLF line endings', () => {
    const bytes = emitHttpRequest({
      method: 'GET',
      target: '/index.html',
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'www.example.com'],
        ['User-Agent', 'PacketJourney/1.0'],
        ['Accept', '*/*'],
      ],
      body: new Uint8Array(0),
    });
    expect(new TextDecoder().decode(bytes)).toBe(
      'GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: PacketJourney/1.0\r\nAccept: */*\r\n\r\n',
    );
  });

  it('respects Content-Length and reports when a message is complete', () => {
    const full = emitHttpResponse({
      version: 'HTTP/1.1',
      status: 404,
      reason: 'Not Found',
      headers: [['Content-Length', '5']],
      body: enc.encode('nope!'),
    });
    expect(httpMessageLength(full)).toBe(full.length);
    expect(httpMessageLength(full.subarray(0, full.length - 1))).toBeUndefined();
    expect(httpMessageLength(full.subarray(0, 10))).toBeUndefined();
    const pipelined = new Uint8Array([...full, ...enc.encode('HTTP/1.1 200 OK\r\n')]);
    expect(new TextDecoder().decode(parseHttpResponse(pipelined).body)).toBe('nope!');
    expect(() => parseHttpResponse(full.subarray(0, full.length - 2))).toThrow(/3 of 5/);
  });

  it('keeps an empty reason phrase and a body without Content-Length', () => {
    const r = parseHttpResponse(enc.encode('HTTP/1.0 204 \r\nServer: x\r\n\r\n'));
    expect(r).toMatchObject({ status: 204, reason: '' });
    expect(parseHttpResponse(enc.encode('HTTP/1.0 200 OK\r\n\r\nuntil close')).body.length).toBe(11);
  });

  it('gives each line its byte range', () => {
    const head = parseHttpHead(enc.encode('GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n'));
    expect(head.startLine).toEqual({ text: 'GET / HTTP/1.1', offset: 0, length: 14 });
    expect(head.headerLines).toEqual([
      { text: 'Host: a', offset: 16, length: 7 },
      { text: 'Accept: */*', offset: 25, length: 11 },
    ]);
    expect(head.bodyOffset).toBe(40);
  });

  it('tells HTTP from other TCP payloads', () => {
    expect(looksLikeHttp(enc.encode('GET / HTTP/1.1\r\n'))).toBe('request');
    expect(looksLikeHttp(enc.encode('HTTP/1.1 301 Moved'))).toBe('response');
    expect(looksLikeHttp(fromHex('16030100'))).toBeUndefined();
    expect(looksLikeHttp(new Uint8Array(0))).toBeUndefined();
  });

  it('rejects malformed messages and unsafe headers', () => {
    expect(() => parseHttpRequest(enc.encode('GET /\r\n\r\n'))).toThrow(WireError);
    expect(() => parseHttpRequest(enc.encode('GET / HTTP/1.1\r\nHost: a\r\n'))).toThrow(/does not end/);
    expect(() => parseHttpRequest(enc.encode('GET / HTTP/1.1\r\nno colon\r\n\r\n'))).toThrow(/without a name/);
    expect(() => parseHttpResponse(enc.encode('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'))).toThrow(
      /Content-Length/,
    );
    expect(() =>
      emitHttpRequest({
        method: 'GET',
        target: '/',
        version: 'HTTP/1.1',
        headers: [['X', 'a\r\nEvil: 1']],
        body: new Uint8Array(0),
      }),
    ).toThrow(WireError);
  });
});
