// A fetch as Chromium makes it, for the reference network (run inside the host's namespace): getaddrinfo through
// glibc (the hosts file, then A and AAAA questions together from one socket: family 0 without AI_ADDRCONFIG, as
// the engine's stub resolver does), a TCP connection with TCP_NODELAY, the request the engine's browser sends
// (the same headers, in the same order), the response read to its Content-Length, and then the connection kept
// open (HTTP/1.1 keep-alive) until the server closes it, when it is closed here too. Prints one JSON line.
//   node client.mjs URL [CONNECT_TIMEOUT_S] [REQUEST_HEADERS_JSON]
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';

const [url, timeoutS = '240', headersJson] = process.argv.slice(2);
const target = new URL(url);
const port = Number(target.port || 80);
const headers = headersJson
  ? JSON.parse(headersJson)
  : [
      ['Host', target.host],
      ['Connection', 'keep-alive'],
    ];
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

let address;
try {
  const all = await lookup(target.hostname, { all: true, family: 0, hints: 0 });
  address = all.find((a) => a.family === 4)?.address;
  if (!address) throw Object.assign(new Error('no IPv4 address'), { code: 'ENODATA' });
} catch (e) {
  out({ ok: false, error: 'ERR_NAME_NOT_RESOLVED', detail: e.code });
  process.exit(0);
}

const socket = connect({ host: address, port, noDelay: true });
const timer = setTimeout(
  () => {
    out({ ok: false, error: 'ERR_CONNECTION_TIMED_OUT', detail: 'browser' });
    socket.destroy();
  },
  Number(timeoutS) * 1000,
);
let response = Buffer.alloc(0);
let result;
socket.on('connect', () => {
  clearTimeout(timer);
  const request = `GET ${target.pathname}${target.search} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  socket.write(request);
});
socket.on('data', (chunk) => {
  response = Buffer.concat([response, chunk]);
  const head = response.indexOf('\r\n\r\n');
  if (result || head < 0) return;
  const text = response.subarray(0, head).toString('latin1');
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
  if (response.length - head - 4 >= length) {
    result = { ok: true, status: text.split('\r\n')[0] };
    out({ ...result, event: 'response' });
  }
});
socket.on('error', (e) => {
  clearTimeout(timer);
  out({ ok: false, error: e.code === 'ETIMEDOUT' ? 'ERR_CONNECTION_TIMED_OUT' : `ERR_${e.code}`, detail: e.code });
});
// The server closed the idle keep-alive connection: Node answers its FIN with ours (allowHalfOpen is off).
socket.on('close', () => {
  clearTimeout(timer);
  out({ event: 'closed', ...(result ?? { ok: false }) });
});
