// What shared/ may use of the platforms it runs on — browser page, Web Worker, Node — and nothing more: the
// WHATWG APIs all three have. tsconfig.shared.json checks shared/ with these instead of the DOM and Node types.
// (Not included by tsconfig.json, where the DOM lib declares the same names.)

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };

interface URLSearchParams {
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
}
declare var URLSearchParams: { new (init?: string | Record<string, string>): URLSearchParams };

interface URL {
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  hash: string;
  readonly href: string;
  readonly origin: string;
  readonly searchParams: URLSearchParams;
}
declare var URL: { new (url: string, base?: string): URL };

interface AbortSignal {
  readonly aborted: boolean;
}

declare function structuredClone<T>(value: T): T;
