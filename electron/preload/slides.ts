// The slide export bridge on the page side (see electron/common/slides-bridge.ts): invoke calls to main, progress
// events filtered by request id, and Cancel as a message naming the request.
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import { SLIDES_IPC, type SlideCopyRequest, type SlidesBridge, type SlidesProgress } from '../common/slides-bridge';
import { scenarioPayload } from '../common/scenario-payload';

// Only the fields main expects cross the bridge (main refuses any other), whatever else the page's objects carry.
const oneSlide = ({ topologyText, scenario, level, step, lang, theme, width, height }: SlideCopyRequest) => ({
  topologyText,
  scenario: scenarioPayload(scenario),
  level,
  step,
  lang,
  theme,
  width,
  height,
});

export const slidesBridge: SlidesBridge = {
  async exportDeck(request, onProgress, signal) {
    if (signal?.aborted) return { ok: false, canceled: true };
    const listener = (_event: IpcRendererEvent, progress: SlidesProgress) => {
      if (progress.requestId === request.requestId) onProgress?.(progress.done, progress.total);
    };
    const cancel = () => void ipcRenderer.invoke(SLIDES_IPC.cancelDeck, { requestId: request.requestId });
    ipcRenderer.on(SLIDES_IPC.progress, listener);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const { requestId, topologyText, scenario, level, steps, lang, theme, format, width, height, suggestedName } =
        request;
      return await ipcRenderer.invoke(SLIDES_IPC.exportDeck, {
        requestId,
        topologyText,
        scenario: scenarioPayload(scenario),
        level,
        steps: [steps[0], steps[1]],
        lang,
        theme,
        format,
        width,
        height,
        suggestedName,
      });
    } finally {
      ipcRenderer.removeListener(SLIDES_IPC.progress, listener);
      signal?.removeEventListener('abort', cancel);
    }
  },
  exportDiagram: ({ topologyText, theme, format, width, height, suggestedName }) =>
    ipcRenderer.invoke(SLIDES_IPC.exportDiagram, { topologyText, theme, format, width, height, suggestedName }),
  copyDiagram: ({ topologyText, theme, width, height }) =>
    ipcRenderer.invoke(SLIDES_IPC.copyDiagram, { topologyText, theme, width, height }),
  previewSlide: (request) =>
    ipcRenderer.invoke(SLIDES_IPC.previewSlide, { ...oneSlide(request), previewWidth: request.previewWidth }),
  copySlide: (request) => ipcRenderer.invoke(SLIDES_IPC.copySlide, oneSlide(request)),
  exportLesson: ({ topologyText, scenario, level, steps, lang, suggestedName }) =>
    ipcRenderer.invoke(SLIDES_IPC.exportLesson, {
      topologyText,
      scenario: scenarioPayload(scenario),
      level,
      ...(steps ? { steps: [steps[0], steps[1]] } : {}),
      lang,
      suggestedName,
    }),
};
