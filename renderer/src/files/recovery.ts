// Desktop autosave: while the document has unsaved changes, its canonical text goes to the main process's
// recovery file a few seconds after the last edit, so a crash or kill loses at most those seconds. When the
// document is clean again (saved, undone to the saved state, or replaced after the user discarded it), the
// recovery file is cleared. Web mode has no bridge and no recovery file.
import type { DesktopBridge } from '../../../electron/common/desktop-bridge';
import { serializeTopology } from '../../../shared/model/canonical';
import { isDirty } from '../store/document';
import { useApp } from '../store';

export const AUTOSAVE_DELAY_MS = 3000;

export function startRecoveryAutosave(
  bridge: Pick<DesktopBridge, 'writeRecovery' | 'clearRecovery'> | undefined = window.packetJourneyDesktop,
  delayMs = AUTOSAVE_DELAY_MS,
): () => void {
  if (!bridge) return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = false;
  const flush = () => {
    timer = undefined;
    const { doc, file } = useApp.getState();
    if (!doc || !isDirty(useApp.getState())) return;
    written = true;
    void bridge.writeRecovery({
      name: file?.name ?? `${doc.name || 'Untitled'}.packetjourney`,
      path: file?.path,
      text: serializeTopology(doc),
    });
  };
  const unsubscribe = useApp.subscribe((state, previous) => {
    if (state.doc === previous.doc && state.saved === previous.saved) return;
    if (isDirty(state)) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    } else {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (written) {
        written = false;
        void bridge.clearRecovery();
      }
    }
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
