// Where a JSON text goes wrong. JSON.parse's messages differ between engines and often lack a position, and it
// silently keeps the last of two equal keys, so before parsing we scan the text with a strict RFC 8259 scanner
// that gives the user a line and column. It also refuses a list too long for any real network before JSON.parse
// builds millions of objects from it. Iterative (an explicit stack), so a file of a million "[" cannot overflow
// the call stack.

export interface JsonSyntaxError {
  /** 1-based, counted in UTF-16 code units like an editor's cursor. */
  line: number;
  column: number;
  message: string;
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const c = text[i];
  if (c === '\n') return 'a line break';
  if (c.charCodeAt(0) < 0x20) return `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return `"${c}"`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** What a scan found: the text is not JSON, an object names a key twice, or a list is longer than allowed. */
export type JsonProblem =
  | ({ kind: 'syntax' } & JsonSyntaxError)
  | { kind: 'duplicateKey'; line: number; column: number; key: string; first: { line: number; column: number } }
  | { kind: 'tooManyItems'; line: number; column: number; max: number };

export interface JsonScanLimits {
  /** Report the second occurrence of a key in one object. */
  duplicateKeys?: boolean;
  /** Report a list (at its "[") with more items than this. */
  maxListItems?: number;
}

/** The first problem of a JSON text (syntax, or one of the limits asked for), or undefined. */
export function scanJson(text: string, limits: JsonScanLimits = {}): JsonProblem | undefined {
  let i = 0;
  const n = text.length;
  const maxItems = limits.maxListItems ?? Infinity;
  // The containers the scanner is inside; for each, where it opened, how many items a list has so far, and the
  // keys an object has named (only when duplicates are checked).
  const stack: ('{' | '[')[] = [];
  const opened: number[] = [];
  const items: number[] = [];
  const keys: (Map<string, number> | undefined)[] = [];
  const fail = (at: number, expected: string): JsonProblem => ({
    kind: 'syntax',
    ...lineAndColumn(text, at),
    message: `expected ${expected} but found ${describeChar(text, at)}`,
  });
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const scanString = (): JsonProblem | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20)
        return {
          kind: 'syntax',
          ...lineAndColumn(text, i),
          message: `${describeChar(text, i)} inside a string (write it as an escape like \\n)`,
        };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape with four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { kind: 'syntax', ...lineAndColumn(text, i), message: 'invalid escape sequence in a string' };
      } else i++;
    }
    return { kind: 'syntax', ...lineAndColumn(text, n), message: 'unterminated string (missing closing quote)' };
  };
  const scanNumber = (): JsonProblem | undefined => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '' || m[0] === '-') return fail(i, 'a value');
    i += m[0].length;
    return undefined;
  };
  /** Scans one scalar, or opens a container and reports 'opened'. */
  const scanValue = (): JsonProblem | 'opened' | undefined => {
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      opened.push(i);
      items.push(0);
      keys.push(undefined);
      i++;
      return 'opened';
    }
    if (c === '"') return scanString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return scanNumber();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    return fail(i, 'a value');
  };

  // State machine: after a value, we need ',' or the closer; after '{' a key or '}'; after '[' a value or ']'.
  let result = scanValue();
  if (result !== undefined && result !== 'opened') return result;
  let justOpened = result === 'opened';
  while (stack.length > 0) {
    skipSpace();
    const top = stack[stack.length - 1];
    const closer = top === '{' ? '}' : ']';
    if (text[i] === closer) {
      stack.pop();
      opened.pop();
      items.pop();
      keys.pop();
      i++;
      justOpened = false;
      continue;
    }
    if (!justOpened) {
      if (text[i] !== ',') return fail(i, `"," or "${closer}"`);
      i++;
      skipSpace();
    }
    const depth = stack.length - 1;
    if (top === '[' && ++items[depth] > maxItems) {
      return { kind: 'tooManyItems', ...lineAndColumn(text, opened[depth]), max: maxItems };
    }
    if (top === '{') {
      if (text[i] !== '"') return fail(i, 'a property name in double quotes');
      const keyStart = i;
      const bad = scanString();
      if (bad) return bad;
      if (limits.duplicateKeys) {
        const raw = text.slice(keyStart + 1, i - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, i)) as string) : raw;
        const named = (keys[depth] ??= new Map());
        const first = named.get(key);
        if (first !== undefined) {
          return { kind: 'duplicateKey', ...lineAndColumn(text, keyStart), key, first: lineAndColumn(text, first) };
        }
        named.set(key, keyStart);
      }
      skipSpace();
      if (text[i] !== ':') return fail(i, '":"');
      i++;
    }
    result = scanValue();
    if (result !== undefined && result !== 'opened') return result;
    justOpened = result === 'opened';
  }
  skipSpace();
  if (i < n) return fail(i, 'the end of the file');
  return undefined;
}
