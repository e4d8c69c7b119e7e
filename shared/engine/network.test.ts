// Device-kind dispatch is exhaustive: a kind the engine does not know is an error, not a host by default.
import { describe, expect, it } from 'vitest';
import { loadSample, run, variant } from './testing/helpers';

describe('buildNetwork', () => {
  it('refuses a device kind it does not know instead of simulating it as a host', () => {
    const t = variant(loadSample('small-lan'), (x) => {
      (x.devices[0] as { kind: string }).kind = 'toaster';
    });
    expect(() => run(t, { from: 'bob', url: 'http://web.lan/' })).toThrow('Unknown device kind: "toaster"');
  });
});
