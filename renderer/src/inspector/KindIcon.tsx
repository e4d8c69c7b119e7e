import { BrickWall, Laptop, Network, Router, Server } from 'lucide-react';
import type { DeviceKind } from '../../../shared/model/schema';

const ICONS = { host: Laptop, switch: Network, router: Router, firewall: BrickWall, server: Server } as const;

export function KindIcon({ kind, size = 14 }: { kind: DeviceKind; size?: number }) {
  const Icon = ICONS[kind];
  return <Icon size={size} aria-hidden="true" className="pj-insp-kind-icon" />;
}
