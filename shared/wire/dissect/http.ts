// HTTP dissector: the start line split into its parts, each header line, and the body present in this segment.
import type { Field, Layer } from '../field';
import { latin1, looksLikeHttp } from '../http';
import { bytesValue, field } from './fields';

/** Returns undefined when the payload does not start an HTTP/1.x message (the TCP layer then shows raw data). */
export function dissectHttp(frame: Uint8Array, offset: number, end: number): Layer | undefined {
  const bytes = frame.subarray(offset, end);
  const kind = looksLikeHttp(bytes);
  if (!kind) return undefined;
  const text = latin1(bytes);
  const fields: Field[] = [];
  let at = 0;
  let startLine = '';
  let headEnded = false;
  while (at < text.length) {
    const eol = text.indexOf('\r\n', at);
    if (eol < 0) break;
    const line = text.slice(at, eol);
    if (at === 0) {
      startLine = line;
      const parts = line.split(' ');
      const keys = kind === 'request' ? ['method', 'target', 'version'] : ['version', 'status', 'reason'];
      const labels =
        kind === 'request' ? ['Method', 'Request target', 'Version'] : ['Version', 'Status code', 'Reason phrase'];
      const pieces = kind === 'request' ? parts : [parts[0], parts[1], parts.slice(2).join(' ')];
      let p = offset;
      const children = pieces.map((piece, i) => {
        const child = field(`http.${keys[i]}`, labels[i], piece, p, piece.length);
        p += piece.length + 1;
        return child;
      });
      fields.push(
        field(
          kind === 'request' ? 'http.request_line' : 'http.status_line',
          kind === 'request' ? 'Request line' : 'Status line',
          line,
          offset,
          line.length + 2,
          children,
        ),
      );
    } else if (line === '') {
      fields.push(field('http.end_of_head', 'End of head', '\\r\\n', offset + at, 2));
      headEnded = true;
      at = eol + 2;
      break;
    } else {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : line;
      const value = colon > 0 ? line.slice(colon + 1).trim() : '';
      fields.push(field(`http.header.${name.toLowerCase()}`, name, value, offset + at, line.length + 2));
    }
    at = eol + 2;
  }
  if (headEnded && at < bytes.length) {
    const body = bytes.subarray(at);
    const printable = /^[\t\r\n\x20-\x7e]*$/.test(latin1(body.subarray(0, 64)));
    const preview = printable
      ? JSON.stringify(new TextDecoder().decode(body.subarray(0, 60))) + (body.length > 60 ? '…' : '')
      : bytesValue(body);
    fields.push(field('http.body', 'Body', `${body.length} bytes: ${preview}`, offset + at, body.length));
  } else if (!headEnded && at < bytes.length) {
    fields.push(
      field(
        'http.partial',
        'Head continues in the next segment',
        `${bytes.length - at} bytes`,
        offset + at,
        bytes.length - at,
      ),
    );
  }
  return { protocol: 'http', summary: startLine, offset, length: bytes.length, fields };
}
