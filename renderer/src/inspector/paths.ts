// A config entry is addressed by its path inside a device (e.g. ['rules', 0] or ['roles', 'dns', 'zones', 1,
// 'records', 3]); the inspector marks each row with the same path so a problem or a replay decision can open it.

export type ConfigPath = readonly (string | number)[];

export type SectionId =
  | 'general'
  | 'contents'
  | 'interfaces'
  | 'addressing'
  | 'hosts'
  | 'tcp'
  | 'browser'
  | 'neighbours'
  | 'routes'
  | 'nat'
  | 'dhcp'
  | 'firewall'
  | 'rules'
  | 'web'
  | 'dns'
  | 'cache'
  | 'tls'
  | 'trust'
  | 'authorities';

/** The `data-pj-path` value of the element showing `path`. */
export function pathKey(path: ConfigPath): string {
  return path.join('.');
}

/** The section that shows `path`: where to expand before scrolling. */
export function sectionOf(path: ConfigPath): SectionId {
  const [head, second] = path;
  switch (head) {
    case 'interfaces':
      return 'interfaces';
    case 'gateway':
    case 'askAaaa':
    case 'dnsServer':
      return 'addressing';
    case 'hosts':
      return 'hosts';
    case 'tcp':
      return 'tcp';
    case 'browser':
      return 'browser';
    case 'neighbourStates':
      return 'neighbours';
    case 'routes':
      return 'routes';
    case 'nat':
      return 'nat';
    case 'dhcp':
      return 'dhcp';
    case 'rules':
      return 'rules';
    case 'outside':
    case 'stateful':
    case 'defaultAction':
      return 'firewall';
    case 'trustedAuthorities':
      return 'trust';
    case 'authorities':
      return 'authorities';
    case 'roles':
      if ((second === 'web' || second === 'cache') && path[2] === 'tls') return 'tls';
      return second === 'web' || second === 'dns' || second === 'cache' ? second : 'dhcp';
    default:
      return 'general';
  }
}

/** Keys to look for, most specific first: ['rules', 0, 'port'] → "rules.0.port", "rules.0", "rules". */
export function focusKeys(path: ConfigPath): string[] {
  const keys: string[] = [];
  for (let n = path.length; n > 0; n--) keys.push(pathKey(path.slice(0, n)));
  return keys;
}
