// The scenario's changes on the model: parsing DEVICE.PATH=VALUE, following paths, keeping what holds an object.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from './load';
import { checkConfigChanges, formatChange, parseConfigAssignment, parsePath, setAtPath } from './scenario';

const loaded = loadTopologyText(
  readFileSync(resolve(__dirname, '../../resources/samples/home-to-web.packetjourney'), 'utf8'),
  'home-to-web',
);
if (!loaded.ok) throw new Error(loaded.error);
const home = loaded.topology;

describe('scenario changes', () => {
  it('parses paths and values', () => {
    expect(parsePath('roles.dns.zones[0].records[3].ttl')).toEqual(['roles', 'dns', 'zones', 0, 'records', 3, 'ttl']);
    expect(parsePath('rules[0][1]')).toEqual(['rules', 0, 1]);
    for (const bad of ['', '.x', 'a..b', 'a[x]', 'a[0', '0a', 'a b']) expect(parsePath(bad), bad).toBeUndefined();
    const parse = (text: string) => {
      const r = parseConfigAssignment(text, home);
      return r.ok ? r.value : r.error;
    };
    expect(parse('fw.rules[0].action=deny')).toEqual({ device: 'fw', path: 'rules[0].action', value: 'deny' });
    expect(parse('fw.rules[0].port=8080')).toEqual({ device: 'fw', path: 'rules[0].port', value: 8080 });
    expect(parse('fw.rules[0].port=null')).toEqual({ device: 'fw', path: 'rules[0].port', value: null });
    expect(parse('resolver.roles.dns.qnameMinimisation=false')).toEqual({
      device: 'resolver',
      path: 'roles.dns.qnameMinimisation',
      value: false,
    });
    expect(parse('fw.rules[0].comment="80"')).toEqual({ device: 'fw', path: 'rules[0].comment', value: '80' });
    expect(formatChange({ device: 'fw', path: 'rules[0].comment', value: '80' })).toBe('fw.rules[0].comment="80"');
    expect(formatChange({ device: 'fw', path: 'rules[0].action', value: 'deny' })).toBe('fw.rules[0].action=deny');
  });

  it('a device name with dots is found whole', () => {
    const t = structuredClone(home);
    t.devices.find((d) => d.id === 'web')!.name = 'web.lan';
    const r = parseConfigAssignment('web.lan.roles.web.port=8080', t);
    expect(r.ok && r.value).toEqual({ device: 'web.lan', path: 'roles.web.port', value: 8080 });
  });

  it('changes apply in order, each to the result of the one before, without touching the input', () => {
    const r = checkConfigChanges(home, [
      {
        device: 'fw',
        path: 'rules[3]',
        value: { id: 'r4', action: 'deny', direction: 'any', protocol: 'icmp', source: 'any', destination: 'any' },
      },
      { device: 'fw', path: 'rules[3].action', value: 'allow' },
    ]);
    expect(r.ok).toBe(true);
    const fw = r.ok ? r.value.devices.find((d) => d.id === 'fw') : undefined;
    expect(fw?.kind === 'firewall' && fw.rules.map((x) => `${x.id} ${x.action}`)).toEqual([
      'r1 allow',
      'r2 allow',
      'r3 allow',
      'r4 allow',
    ]);
    const original = home.devices.find((d) => d.id === 'fw');
    expect(original?.kind === 'firewall' && original.rules).toHaveLength(3);
  });

  it('services not running at start cannot be added, and a role cannot be removed', () => {
    const r = checkConfigChanges(home, [{ device: 'pc', path: 'roles', value: {} }]);
    expect(!r.ok && r.refusal.key).toBe('unknownSetting');
    expect(checkConfigChanges(home, [{ device: 'home', path: 'dhcp', value: null }])).toMatchObject({
      ok: false,
      refusal: { key: 'serviceAtStart' },
    });
    expect(
      checkConfigChanges(home, [
        { device: 'web', path: 'roles.dns', value: { recursive: false, rootHints: [], zones: [] } },
      ]),
    ).toMatchObject({ ok: false, refusal: { key: 'serviceAtStart' } });
  });

  it('replacing an object or a list keeps its identity, so whatever holds it sees the new contents', () => {
    const root = { rules: [{ a: 1 }], role: { x: 1, y: 2 } };
    const rules = root.rules;
    const role = root.role;
    expect(setAtPath(root, ['rules'], [{ a: 2 }, { a: 3 }])).toBe(true);
    expect(setAtPath(root, ['role'], { x: 5 })).toBe(true);
    expect(root.rules).toBe(rules);
    expect(rules).toEqual([{ a: 2 }, { a: 3 }]);
    expect(root.role).toBe(role);
    expect(role).toEqual({ x: 5 });
    expect(setAtPath(root, ['rules', 5], 1)).toEqual({ depth: 1, length: 2 });
    expect(setAtPath(root, ['role', 'x', 'z'], 1)).toEqual({ depth: 2 });
    expect(setAtPath(root, ['rules', 'x'], 1)).toEqual({ depth: 1 });
    expect(setAtPath(root, ['rules', 0], null)).toBe(true);
    expect(rules).toEqual([{ a: 3 }]);
  });
});
