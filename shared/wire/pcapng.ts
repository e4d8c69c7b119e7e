// pcapng writer (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description Block per
// interface (LINKTYPE_ETHERNET, microsecond timestamps) and one Enhanced Packet Block per frame. Little-endian.
export interface PcapngInterface {
  name: string;
  description?: string;
}

export interface PcapngPacket {
  interfaceIndex: number;
  timestampUs: number;
  bytes: Uint8Array;
  comment?: string;
}

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BLOCK_DSB = 0x0000000a;
/** Decryption Secrets Block, secrets type "TLSK": an NSS key log (SSLKEYLOGFILE lines). */
const SECRETS_TLS_KEY_LOG = 0x544c534b;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const LINKTYPE_ETHERNET = 1;
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;

const pad4 = (n: number) => (n + 3) & ~3;

type Option = [code: number, value: Uint8Array];

/** Little-endian byte sink that grows as blocks are appended. */
class Sink {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u16(v: number) {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number) {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  /** Bytes followed by zero padding to the next 32-bit boundary. */
  padded(bytes: Uint8Array) {
    const size = pad4(bytes.length);
    this.ensure(size);
    this.buf.set(bytes, this.length);
    this.buf.fill(0, this.length + bytes.length, this.length + size);
    this.length += size;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function optionsLength(options: Option[]): number {
  if (options.length === 0) return 0;
  return options.reduce((n, [, value]) => n + 4 + pad4(value.length), 0) + 4;
}

function writeOptions(sink: Sink, options: Option[]) {
  if (options.length === 0) return;
  for (const [code, value] of options) {
    if (value.length > 0xffff) throw new RangeError(`pcapng option ${code} is longer than 65535 bytes`);
    sink.u16(code);
    sink.u16(value.length);
    sink.padded(value);
  }
  sink.u16(OPT_END);
  sink.u16(0);
}

/** Writes a block: type, total length, the body written by `body`, options, total length again. */
function writeBlock(sink: Sink, type: number, bodyLength: number, body: () => void, options: Option[]) {
  const total = 12 + bodyLength + optionsLength(options);
  sink.u32(type);
  sink.u32(total);
  const start = sink.length;
  body();
  if (sink.length - start !== bodyLength) throw new Error('pcapng: block body length mismatch');
  writeOptions(sink, options);
  sink.u32(total);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function writePcapng({
  interfaces,
  packets,
  tlsKeyLog,
  comment,
}: {
  interfaces: PcapngInterface[];
  packets: PcapngPacket[];
  tlsKeyLog?: string;
  /** The section's comment (shb_comment): what the file holds, shown by capinfos and Wireshark's file properties. */
  comment?: string;
}): Uint8Array {
  const sink = new Sink();
  writeBlock(
    sink,
    BLOCK_SHB,
    16,
    () => {
      sink.u32(BYTE_ORDER_MAGIC);
      sink.u16(1); // major version
      sink.u16(0); // minor version
      sink.u32(0xffffffff); // section length: unknown (-1)
      sink.u32(0xffffffff);
    },
    [...(comment ? ([[OPT_COMMENT, utf8(comment)]] as Option[]) : []), [SHB_USERAPPL, utf8('Packet Journey')]],
  );
  for (const iface of interfaces) {
    const options: Option[] = [[IF_NAME, utf8(iface.name)]];
    if (iface.description) options.push([IF_DESCRIPTION, utf8(iface.description)]);
    options.push([IF_TSRESOL, Uint8Array.of(6)]); // 10^-6 s
    writeBlock(
      sink,
      BLOCK_IDB,
      8,
      () => {
        sink.u16(LINKTYPE_ETHERNET);
        sink.u16(0); // reserved
        sink.u32(0); // snap length: no limit
      },
      options,
    );
  }
  if (tlsKeyLog) {
    // Before the packets, so Wireshark decrypts TLS from the file alone with no key log set up.
    const secrets = utf8(tlsKeyLog);
    writeBlock(
      sink,
      BLOCK_DSB,
      8 + pad4(secrets.length),
      () => {
        sink.u32(SECRETS_TLS_KEY_LOG);
        sink.u32(secrets.length);
        sink.padded(secrets);
      },
      [],
    );
  }
  for (const packet of packets) {
    if (
      !Number.isInteger(packet.interfaceIndex) ||
      packet.interfaceIndex < 0 ||
      packet.interfaceIndex >= interfaces.length
    ) {
      throw new RangeError(`pcapng: packet refers to interface ${packet.interfaceIndex} of ${interfaces.length}`);
    }
    if (!Number.isSafeInteger(packet.timestampUs) || packet.timestampUs < 0) {
      throw new RangeError(`pcapng: bad timestamp ${packet.timestampUs}`);
    }
    const options: Option[] = packet.comment ? [[OPT_COMMENT, utf8(packet.comment)]] : [];
    writeBlock(
      sink,
      BLOCK_EPB,
      20 + pad4(packet.bytes.length),
      () => {
        sink.u32(packet.interfaceIndex);
        sink.u32(Math.floor(packet.timestampUs / 0x100000000));
        sink.u32(packet.timestampUs % 0x100000000);
        sink.u32(packet.bytes.length); // captured length
        sink.u32(packet.bytes.length); // original length
        sink.padded(packet.bytes);
      },
      options,
    );
  }
  return sink.done();
}
