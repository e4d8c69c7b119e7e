// The renderer talks to its host only through the Platform interface: Electron's preload bridge when present,
// otherwise the browser implementation.
import type { Platform } from '../../../shared/platform';
import { createWebPlatform } from './web';

declare global {
  interface Window {
    packetJourney?: Platform;
  }
}

export const platform: Platform = window.packetJourney ?? createWebPlatform();
