// Global type of the desktop-only bridge. `window.packetJourney` (the Platform bridge) is declared by the renderer
// in renderer/src/platform/index.ts as `Platform`; this file adds the optional desktop extras.
import type { DesktopBridge } from '../common/desktop-bridge';

declare global {
  interface Window {
    packetJourneyDesktop?: DesktopBridge;
  }
}

export {};
