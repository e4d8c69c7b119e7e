// The main-process side of the slide export bridge (electron/common/slides-bridge.ts). Like the file bridge
// (ipc.ts): each handler checks the sender and the payload's exact shape, then does one thing. A deck is drawn from
// the document text and the scenario only: main runs the journey again in its own engine worker (the engine is
// deterministic, so this is the trace the page shows) instead of trusting a large trace object from the page; the
// user picks where it goes in a native dialog (opened where the last export went); progress goes back to the page;
// Cancel aborts between slides. A lesson player is made the same way, by the command line's code (make-lesson.ts).
import { basename, dirname, extname, join } from 'node:path';
import type {
  BrowserWindow,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  SaveDialogOptions,
  OpenDialogOptions,
} from 'electron';
import { z } from 'zod';
import { loadTopologyText } from '../../shared/model/load';
import type { EngineRunResult } from '../../shared/platform';
import type { Scenario, Trace } from '../../shared/engine/trace';
import { DeckRangeError, planDeck, renderSlideSvg } from '../../shared/slides';
import type { DetailLevel } from '../../shared/replay/levels';
import { svgToImage } from '../slides/rasterize';
import { SLIDES_IPC, type SlidesExportResult, type SlidesProgress } from '../common/slides-bridge';
import { exportDiagram, exportSlides, ExportCanceledError } from '../slides/export';
import { makeLesson, planLesson, type LessonSources } from '../player/make-lesson';
import type { ExportFolder } from './export-folder';
import { describeFileError, MAX_TOPOLOGY_BYTES, writeFileAtomic } from './files';
import { assertTrustedSender } from './ipc';
import { IpcRejection, parsePayload, ScenarioPayload, type TrustedOrigins } from './ipc-validation';

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a short request id');
const TopologyText = z.string().max(MAX_TOPOLOGY_BYTES);
const Theme = z.enum(['light', 'dark', 'print']);
// Up to 4K; the page offers 720p to 2160p.
const Width = z.number().int().min(160).max(3840);
const Height = z.number().int().min(90).max(2160);
const SuggestedName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\\/:*?"<>|\0]+$/, 'must be a plain file name');
const Step = z.number().int().min(1).max(1_000_000);

export const DeckExportPayload = z.strictObject({
  requestId: RequestId,
  topologyText: TopologyText,
  scenario: ScenarioPayload,
  level: z.number().int().min(1).max(7),
  steps: z.tuple([Step, Step]),
  lang: z.enum(['en', 'ko']),
  theme: Theme,
  format: z.enum(['png-dir', 'svg-dir', 'pdf', 'pptx', 'gif']),
  width: Width,
  height: Height,
  suggestedName: SuggestedName,
});

export const CancelDeckPayload = z.strictObject({ requestId: RequestId });

export const DiagramExportPayload = z.strictObject({
  topologyText: TopologyText,
  theme: Theme,
  format: z.enum(['png', 'svg']),
  width: Width,
  height: Height,
  suggestedName: SuggestedName,
});

export const SlidePreviewPayload = z.strictObject({
  topologyText: TopologyText,
  scenario: ScenarioPayload,
  level: z.number().int().min(1).max(7),
  step: Step,
  lang: z.enum(['en', 'ko']),
  theme: Theme,
  width: Width,
  height: Height,
  previewWidth: z.number().int().min(64).max(1920),
});

/** Simulation ▸ Copy This Step as a Slide: the step's slide, full size, onto the clipboard. */
export const SlideCopyPayload = SlidePreviewPayload.omit({ previewWidth: true });

/** File ▸ Export ▸ Lesson Player…: level and optional range as the CLI's --level and --steps. */
export const LessonExportPayload = z.strictObject({
  topologyText: TopologyText,
  scenario: ScenarioPayload,
  level: z.number().int().min(1).max(7),
  steps: z.tuple([Step, Step]).optional(),
  lang: z.enum(['en', 'ko']),
  suggestedName: SuggestedName,
});

export const DiagramCopyPayload = z.strictObject({
  topologyText: TopologyText,
  theme: Theme,
  width: Width,
  height: Height,
});

export interface SlidesIpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** Electron's clipboard (its web-like `write` with an image/png item). */
  writeClipboardImage: (png: Uint8Array) => Promise<void>;
  window: () => BrowserWindow | undefined;
  trusted: TrustedOrigins;
  /** The engine host (its worker thread); only `run` is used. */
  engine: { run(id: string, topologyText: string, scenario: Scenario): Promise<EngineRunResult> };
  /** Documents: where the first export's dialog opens. */
  defaultDirectory: () => string;
  /** Where the last export went: the next dialog opens there. */
  exportFolder: Pick<ExportFolder, 'get' | 'remember'>;
  /** The lesson player's script and fonts (the app's build has the player bundled in). */
  lesson: LessonSources;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  pptx: { name: 'PowerPoint presentation', extensions: ['pptx'] },
  gif: { name: 'Animated GIF', extensions: ['gif'] },
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  html: { name: 'Lesson player (HTML)', extensions: ['html'] },
};

function withExtension(path: string, ext: string): string {
  return extname(path).toLowerCase() === `.${ext}` ? path : `${path}.${ext}`;
}

function failure(error: unknown): SlidesExportResult {
  return { ok: false, canceled: false, error: error instanceof Error ? error.message : String(error) };
}

/** A file system error becomes the sentence a save gets ("Cannot save "x.pdf": permission denied (…)"). */
function saveFailure(path: string, error: unknown): SlidesExportResult {
  const coded = typeof error === 'object' && error !== null && 'code' in error;
  return coded ? { ok: false, canceled: false, error: describeFileError(path, error, 'save') } : failure(error);
}

export function registerSlidesIpc(deps: SlidesIpcDeps): () => void {
  const { ipcMain, trusted } = deps;
  const running = new Map<string, AbortController>();
  let journeyRuns = 0;

  function handle(channel: string, run: (payload: unknown, event: IpcMainInvokeEvent) => Promise<unknown>): void {
    ipcMain.handle(channel, (event, payload: unknown) => {
      assertTrustedSender(channel, event, trusted);
      return run(payload, event);
    });
  }

  const startFolder = async () => (await deps.exportFolder.get()) ?? deps.defaultDirectory();

  async function askFile(ext: string, suggested: string, title: string): Promise<string | undefined> {
    const window = deps.window();
    const options: SaveDialogOptions = {
      title,
      defaultPath: join(await startFolder(), `${basename(suggested)}.${ext}`),
      filters: [FILTERS[ext]],
    };
    const choice = window
      ? await deps.dialog.showSaveDialog(window, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return undefined;
    await deps.exportFolder.remember(dirname(choice.filePath));
    return withExtension(choice.filePath, ext);
  }

  async function askFolder(title: string): Promise<string | undefined> {
    const window = deps.window();
    const options: OpenDialogOptions = {
      title,
      defaultPath: await startFolder(),
      properties: ['openDirectory', 'createDirectory'],
    };
    const choice = window
      ? await deps.dialog.showOpenDialog(window, options)
      : await deps.dialog.showOpenDialog(options);
    if (choice.canceled || choice.filePaths.length === 0) return undefined;
    await deps.exportFolder.remember(choice.filePaths[0]);
    return choice.filePaths[0];
  }

  handle(SLIDES_IPC.exportDeck, async (payload, event): Promise<SlidesExportResult> => {
    const request = parsePayload(SLIDES_IPC.exportDeck, DeckExportPayload, payload);
    if (running.has(request.requestId))
      throw new IpcRejection(SLIDES_IPC.exportDeck, `request ${request.requestId} is already running`);
    const loaded = loadTopologyText(request.topologyText, 'the topology');
    if (!loaded.ok) return { ok: false, canceled: false, error: loaded.error };
    const perSlide = request.format === 'png-dir' || request.format === 'svg-dir';
    const out = perSlide
      ? await askFolder('Export slides into a folder')
      : await askFile(request.format, request.suggestedName, 'Export slides');
    if (!out) return { ok: false, canceled: true };
    const controller = new AbortController();
    running.set(request.requestId, controller);
    try {
      const run = await journeyTrace(`slides-${request.requestId}`, request.topologyText, request.scenario);
      if (!run.ok) return { ok: false, canceled: false, error: run.error };
      if (controller.signal.aborted) return { ok: false, canceled: true };
      const result = await exportSlides({
        topology: loaded.topology,
        trace: run.trace,
        level: request.level,
        steps: request.steps,
        lang: request.lang,
        theme: request.theme,
        format: request.format,
        width: request.width,
        height: request.height,
        out,
        signal: controller.signal,
        onProgress: (done, total) => {
          if (!event.sender.isDestroyed())
            event.sender.send(SLIDES_IPC.progress, {
              requestId: request.requestId,
              done,
              total,
            } satisfies SlidesProgress);
        },
      });
      return { ok: true, path: out, slides: result.slides };
    } catch (error) {
      if (error instanceof ExportCanceledError || controller.signal.aborted) return { ok: false, canceled: true };
      return saveFailure(out, error);
    } finally {
      running.delete(request.requestId);
    }
  });

  // The dialog asks again on every change of language, theme or range: keep the last journey instead of re-running it.
  let lastJourney: { key: string; trace: Trace } | undefined;
  async function journeyTrace(id: string, topologyText: string, scenario: Scenario): Promise<EngineRunResult> {
    const key = JSON.stringify([topologyText, scenario.from, scenario.url, scenario.seed, scenario.warm]);
    if (lastJourney?.key === key) return { ok: true, trace: lastJourney.trace };
    const run = await deps.engine.run(id, topologyText, scenario);
    if (run.ok) lastJourney = { key, trace: run.trace };
    return run;
  }

  /** The slide the deck would make of one step (1-based in the level), as a PNG `pixelWidth` wide. */
  async function stepSlidePng(
    request: z.infer<typeof SlideCopyPayload>,
    pixelWidth: number,
  ): Promise<{ ok: true; png: Uint8Array } | { ok: false; error: string }> {
    const loaded = loadTopologyText(request.topologyText, 'the topology');
    if (!loaded.ok) return { ok: false, error: loaded.error };
    const run = await journeyTrace(`preview-${++journeyRuns}`, request.topologyText, request.scenario);
    if (!run.ok) return { ok: false, error: run.error };
    try {
      const plan = planDeck(loaded.topology, run.trace, { level: request.level, steps: [request.step, request.step] });
      const slide = plan.slides[0];
      const svg = renderSlideSvg(loaded.topology, run.trace, slide.item, {
        lang: request.lang,
        theme: request.theme,
        width: request.width,
        height: request.height,
        index: slide.index,
        total: plan.total,
        level: plan.level,
        context: plan.context,
      });
      return { ok: true, png: (await svgToImage(svg, pixelWidth)).png };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  handle(SLIDES_IPC.previewSlide, async (payload) => {
    const request = parsePayload(SLIDES_IPC.previewSlide, SlidePreviewPayload, payload);
    return stepSlidePng(request, request.previewWidth);
  });

  // The page cannot write an image to the clipboard itself (the session grants it no clipboard permission): main
  // renders the slide and puts it there, as it does the diagram.
  handle(SLIDES_IPC.copySlide, async (payload) => {
    const request = parsePayload(SLIDES_IPC.copySlide, SlideCopyPayload, payload);
    const slide = await stepSlidePng(request, request.width);
    if (!slide.ok) return slide;
    await deps.writeClipboardImage(slide.png);
    return { ok: true };
  });

  handle(SLIDES_IPC.cancelDeck, async (payload) => {
    const { requestId } = parsePayload(SLIDES_IPC.cancelDeck, CancelDeckPayload, payload);
    const controller = running.get(requestId);
    controller?.abort();
    return controller !== undefined;
  });

  handle(SLIDES_IPC.exportDiagram, async (payload): Promise<SlidesExportResult> => {
    const request = parsePayload(SLIDES_IPC.exportDiagram, DiagramExportPayload, payload);
    const loaded = loadTopologyText(request.topologyText, 'the topology');
    if (!loaded.ok) return { ok: false, canceled: false, error: loaded.error };
    const out = await askFile(request.format, request.suggestedName, 'Export diagram');
    if (!out) return { ok: false, canceled: true };
    try {
      await writeFileAtomic(
        out,
        exportDiagram(loaded.topology, {
          theme: request.theme,
          format: request.format,
          width: request.width,
          height: request.height,
        }),
      );
      return { ok: true, path: out, slides: 0 };
    } catch (error) {
      return saveFailure(out, error);
    }
  });

  // The page's own save picker and downloads are not granted in the desktop app: main asks where, makes the file
  // with the command line's code from the journey it runs itself, and replaces the file whole (writeFileAtomic).
  handle(SLIDES_IPC.exportLesson, async (payload): Promise<SlidesExportResult> => {
    const request = parsePayload(SLIDES_IPC.exportLesson, LessonExportPayload, payload);
    const loaded = loadTopologyText(request.topologyText, 'the topology');
    if (!loaded.ok) return { ok: false, canceled: false, error: loaded.error };
    const run = await journeyTrace(`lesson-${++journeyRuns}`, request.topologyText, request.scenario);
    if (!run.ok) return { ok: false, canceled: false, error: run.error };
    const options = { level: request.level as DetailLevel, steps: request.steps, lang: request.lang };
    let planned;
    try {
      // A range past the journey is named before any dialog opens.
      planned = planLesson(loaded.topology, run.trace, options);
    } catch (error) {
      if (error instanceof DeckRangeError) return failure(error);
      throw error;
    }
    const out = await askFile('html', request.suggestedName, 'Export lesson player');
    if (!out) return { ok: false, canceled: true };
    let lesson;
    try {
      lesson = await makeLesson(loaded.topology, run.trace, options, deps.lesson);
    } catch (error) {
      return failure(error);
    }
    try {
      await writeFileAtomic(out, lesson.bytes);
    } catch (error) {
      return saveFailure(out, error);
    }
    const steps = planned.range ? planned.range[1] - planned.range[0] + 1 : planned.total;
    return { ok: true, path: out, slides: steps };
  });

  handle(SLIDES_IPC.copyDiagram, async (payload) => {
    const request = parsePayload(SLIDES_IPC.copyDiagram, DiagramCopyPayload, payload);
    const loaded = loadTopologyText(request.topologyText, 'the topology');
    if (!loaded.ok) return { ok: false, error: loaded.error };
    await deps.writeClipboardImage(
      exportDiagram(loaded.topology, {
        theme: request.theme,
        format: 'png',
        width: request.width,
        height: request.height,
      }),
    );
    return { ok: true };
  });

  return () => {
    for (const controller of running.values()) controller.abort();
    for (const channel of [
      SLIDES_IPC.exportDeck,
      SLIDES_IPC.cancelDeck,
      SLIDES_IPC.exportDiagram,
      SLIDES_IPC.copyDiagram,
      SLIDES_IPC.previewSlide,
      SLIDES_IPC.copySlide,
      SLIDES_IPC.exportLesson,
    ])
      ipcMain.removeHandler(channel);
  };
}
