// Exhaustiveness: a `switch` over a union ends with `default: return assertNever(x, …)`, so a new member (a device
// kind, a protocol) is a type error until every switch handles it — and a value the types did not foresee (a file
// from elsewhere, a cast) fails loudly instead of taking some other branch.
export function assertNever(value: never, what: string, shown: unknown = value): never {
  throw new Error(`Unknown ${what}: ${JSON.stringify(shown)}`);
}
