// HTTP/1.1 messages (RFC 9112): start line, header lines, body delimited by Content-Length.
import { WireError } from './error';

export interface HttpRequestRepr {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Uint8Array;
}

export interface HttpResponseRepr {
  version: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: Uint8Array;
}

const CRLF = '\r\n';

/** HTTP heads are bytes, not UTF-8 text: one char per byte keeps string offsets equal to byte offsets. */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new WireError(`HTTP: character U+${c.toString(16)} cannot appear in a header`);
    out[i] = c;
  }
  return out;
}

function emitMessage(startLine: string, headers: [string, string][], body: Uint8Array): Uint8Array {
  for (const [name, value] of headers) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new WireError(`HTTP: bad header name "${name}"`);
    if (/[\r\n]/.test(value)) throw new WireError(`HTTP: header "${name}" value contains a line break`);
  }
  const head = latin1Bytes(startLine + CRLF + headers.map(([n, v]) => `${n}: ${v}${CRLF}`).join('') + CRLF);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

export function emitHttpRequest(repr: HttpRequestRepr): Uint8Array {
  return emitMessage(`${repr.method} ${repr.target} ${repr.version}`, repr.headers, repr.body);
}

export function emitHttpResponse(repr: HttpResponseRepr): Uint8Array {
  return emitMessage(`${repr.version} ${repr.status} ${repr.reason}`, repr.headers, repr.body);
}

/** One line of the head, with its offset and length (without the CRLF). */
export interface HttpLineSpan {
  text: string;
  offset: number;
  length: number;
}

export interface HttpHead {
  startLine: HttpLineSpan;
  headerLines: HttpLineSpan[];
  headers: [string, string][];
  /** Offset of the first body byte (just after the empty line). */
  bodyOffset: number;
}

/** Splits the head of a message; throws if the empty line that ends it is not in `bytes`. */
export function parseHttpHead(bytes: Uint8Array): HttpHead {
  const text = latin1(bytes);
  const end = text.indexOf(CRLF + CRLF);
  if (end < 0) throw new WireError('HTTP: the head does not end (no empty line)', bytes.length);
  const lines: HttpLineSpan[] = [];
  let at = 0;
  while (at <= end) {
    const next = text.indexOf(CRLF, at);
    lines.push({ text: text.slice(at, next), offset: at, length: next - at });
    at = next + 2;
  }
  const [startLine, ...headerLines] = lines;
  const headers = headerLines.map((line): [string, string] => {
    const colon = line.text.indexOf(':');
    if (colon <= 0) throw new WireError(`HTTP: header line without a name: "${line.text}"`, line.offset);
    return [line.text.slice(0, colon), line.text.slice(colon + 1).trim()];
  });
  return { startLine, headerLines, headers, bodyOffset: end + 4 };
}

export function headerValue(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

function contentLength(headers: [string, string][]): number | undefined {
  const value = headerValue(headers, 'content-length');
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new WireError(`HTTP: bad Content-Length "${value}"`);
  return Number(value);
}

/**
 * The length of the complete message at the start of `bytes`, or undefined while the head or the body is still
 * incomplete (lets a TCP receiver know when it has the whole message). Without Content-Length the body is whatever
 * follows, as when a server closes the connection to end it.
 */
export function httpMessageLength(bytes: Uint8Array): number | undefined {
  let head: HttpHead;
  try {
    head = parseHttpHead(bytes);
  } catch {
    return undefined;
  }
  const length = contentLength(head.headers);
  if (length === undefined) return bytes.length;
  return head.bodyOffset + length <= bytes.length ? head.bodyOffset + length : undefined;
}

function body(bytes: Uint8Array, head: HttpHead): Uint8Array {
  const length = contentLength(head.headers);
  if (length === undefined) return bytes.slice(head.bodyOffset);
  if (head.bodyOffset + length > bytes.length) {
    throw new WireError(`HTTP: body has ${bytes.length - head.bodyOffset} of ${length} bytes`, bytes.length);
  }
  return bytes.slice(head.bodyOffset, head.bodyOffset + length);
}

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/;

export function parseHttpRequest(bytes: Uint8Array): HttpRequestRepr {
  const head = parseHttpHead(bytes);
  const m = REQUEST_LINE.exec(head.startLine.text);
  if (!m) throw new WireError(`HTTP: not a request line: "${head.startLine.text}"`, 0);
  return { method: m[1], target: m[2], version: m[3], headers: head.headers, body: body(bytes, head) };
}

export function parseHttpResponse(bytes: Uint8Array): HttpResponseRepr {
  const head = parseHttpHead(bytes);
  const m = STATUS_LINE.exec(head.startLine.text);
  if (!m) throw new WireError(`HTTP: not a status line: "${head.startLine.text}"`, 0);
  return { version: m[1], status: Number(m[2]), reason: m[3], headers: head.headers, body: body(bytes, head) };
}

/** Whether a TCP payload starts like an HTTP/1.x request or status line (what the dissector checks). */
export function looksLikeHttp(bytes: Uint8Array): 'request' | 'response' | undefined {
  const firstLine = latin1(bytes.subarray(0, Math.min(bytes.length, 8192))).split(CRLF, 1)[0];
  if (bytes.length === 0) return undefined;
  if (/^HTTP\/\d\.\d \d{3}/.test(firstLine)) return 'response';
  if (REQUEST_LINE.test(firstLine) && /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE) /.test(firstLine))
    return 'request';
  return undefined;
}
