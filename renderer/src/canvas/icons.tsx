import { BrickWallFire, Laptop, Network, Router, Server } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { DeviceKind } from '../../../shared/model/schema';

export const KIND_ICONS: Record<DeviceKind, LucideIcon> = {
  host: Laptop,
  switch: Network,
  router: Router,
  firewall: BrickWallFire,
  server: Server,
};
