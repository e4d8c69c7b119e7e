// The desktop app's slide bridge, when the page runs inside it.
import type { SlidesBridge } from '../../../electron/common/slides-bridge';

declare global {
  interface Window {
    packetJourneySlides?: SlidesBridge;
  }
}

export function desktopSlides(): SlidesBridge | undefined {
  return typeof window !== 'undefined' ? window.packetJourneySlides : undefined;
}
