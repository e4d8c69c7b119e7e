// Types of scripts/fidelity/compare.mjs for the TypeScript that imports it (its unit test).

export interface FrameSignature {
  link: string;
  signature: string;
}
export interface AlignOp {
  op: '=' | '+' | '-';
  real?: number;
  engine?: number;
}
export interface Difference {
  op: '+' | '-';
  signature: string;
  count: number;
  at: number;
}
export interface LinkComparison {
  real: number;
  engine: number;
  matched: number;
  differences: Difference[];
}

export function signatures(file: string, macToDevice: Map<string, string>): FrameSignature[];
export function signature(v: Record<string, string>, macs: Map<string, string>): string;
export function align(a: string[], b: string[]): { matched: number; ops: AlignOp[] };
export function compareLink(real: string[], engine: string[]): LinkComparison;
