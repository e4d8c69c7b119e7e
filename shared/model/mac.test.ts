import { describe, expect, it } from 'vitest';
import { defaultMac } from './mac';
import { Mac } from './schema';

describe('defaultMac', () => {
  it('is deterministic, locally administered unicast and schema-valid', () => {
    expect(defaultMac('pc', 0)).toBe(defaultMac('pc', 0));
    for (let i = 0; i < 50; i++) {
      const mac = defaultMac(`device-${i}`, i % 4);
      expect(mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
      expect(Mac.safeParse(mac).success).toBe(true);
    }
  });

  it('gives distinct addresses to many interfaces', () => {
    const seen = new Set<string>();
    for (let d = 0; d < 2000; d++) for (let i = 0; i < 8; i++) seen.add(defaultMac(`sw${d}`, i));
    expect(seen.size).toBe(16000);
  });
});
