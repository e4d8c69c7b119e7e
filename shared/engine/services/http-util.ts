import { httpMessageLength, parseHttpRequest, type HttpRequestRepr } from '../../wire/http';
import type { HttpChannel } from '../net/channel';
import type { EndSystem } from '../devices/end-system';
import type { Timer } from '../sim/sim';
// Small HTTP helpers shared by the web server, the cache and the browser.
import { SIMULATED_NOW_MS as DATE_BASE_MS } from '../../model/certificates'; // a fixed virtual "now": the simulation never reads a clock
/** Trace time 0 as a wall-clock time in µs since 1970, for captures. */
export const CAPTURE_EPOCH_US = DATE_BASE_MS * 1000;

/** RFC 9110 IMF-fixdate for a virtual time. */
export function httpDate(virtualUs: number): string {
  return new Date(DATE_BASE_MS + Math.floor(virtualUs / 1000)).toUTCString();
}

export function titleOf(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return m ? m[1].trim() : undefined;
}

export const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  508: 'Loop Detected',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const reasonOf = (status: number): string => REASONS[status] ?? 'Unknown';

export function hostOnly(hostHeader: string | undefined): string {
  return (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** Appends bytes to a growing buffer. */
export function append(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The TCP data handler of an HTTP server connection: bytes are buffered until a whole request has arrived
 *  (Content-Length respected), then each request is handed on in order. */
export function httpRequestReader(
  handle: (channel: HttpChannel, request: HttpRequestRepr) => void,
): (channel: HttpChannel, data: Uint8Array) => void {
  let buffer: Uint8Array = new Uint8Array(0);
  return (conn, data) => {
    buffer = append(buffer, data);
    const length = httpMessageLength(buffer);
    if (length === undefined) return;
    const request = parseHttpRequest(buffer.subarray(0, length));
    buffer = buffer.slice(length);
    handle(conn, request);
  };
}

/** nginx's default keepalive_timeout, in seconds. */
export const DEFAULT_KEEPALIVE_S = 75;

/** An idle keep-alive connection's timer: armed after each response, cancelled by the next request or the peer's FIN. */
export class IdleClose {
  private timer?: Timer;
  constructor(private readonly node: EndSystem) {}

  arm(channel: HttpChannel, afterUs: number, close: () => void): void {
    this.cancel();
    this.timer = this.node.sim.schedule(afterUs, () => {
      if (channel.conn.state === 'ESTABLISHED') close();
    });
  }

  cancel(): void {
    if (this.timer) this.timer.cancelled = true;
    this.timer = undefined;
  }
}
