// Keeps the replay in step with the rest of the app: a new document resets it (or reopens its saved moment), and
// choosing a host on the canvas before any run puts that host's browser in the bar.
import { useApp } from '../store';
import { resetReplayFor } from './actions';

export function installReplayLifecycle(): () => void {
  return useApp.subscribe((s, prev) => {
    if (s.docGeneration !== prev.docGeneration) {
      resetReplayFor(s.doc);
      return;
    }
    if (s.selection !== prev.selection && !s.replay.trace && !s.replay.running && s.doc) {
      const [id] = s.selection.deviceIds;
      const device = s.selection.deviceIds.length === 1 ? s.doc.devices.find((d) => d.id === id) : undefined;
      if (device && device.kind === 'host' && s.replay.request.from !== device.id) {
        s.setReplay({ request: { ...s.replay.request, from: device.id } });
      }
    }
  });
}
