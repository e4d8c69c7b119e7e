// What the export commands and the dialog do: open the dialog with the replay's level and language, run a deck
// (Web Worker in web mode; the main process in the desktop app), cancel it, and the diagram alone as PNG/SVG or
// on the clipboard.
import { useApp } from '../store';
import { i18next } from '../i18n';
import { serializeTopology } from '../../../shared/model/canonical';
import type { Topology } from '../../../shared/model/schema';
import type { Trace } from '../../../shared/engine/trace';
import { planDeck } from '../../../shared/slides';
import { deckTitle, FORMAT_EXTENSION, FORMAT_MIME, type SlideFormat } from '../../../shared/slides/export/deck-export';
import { desktopSlides } from './desktop';
import { chooseSaveTarget, copyPngToClipboard, safeBaseName } from './deliver';
import { sizeOf, useExport, type ExportSettings, type SlideExportFormat } from './store';
import { lessonJson } from '../../../shared/player/lesson';
import { estimateLessonBytes } from '../../../shared/slides/export/estimate';
import type { DetailLevel } from '../../../shared/replay/levels';
import { runWorkerJob, WorkerJobCanceled } from './worker-client';
import type { DeckJob } from './protocol';

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, { ns: 'export', ...options });
const app = () => useApp.getState();

/** The replay to draw: its trace and the document it was run on (not edits made since). */
export function currentJourney(): { topology: Topology; trace: Trace } | undefined {
  const { replay, doc } = app();
  const topology = replay.runTopology ?? doc;
  return replay.trace && topology ? { topology, trace: replay.trace } : undefined;
}

/** Steps in the journey at `level` (what the range counts in). */
export function stepsAtLevel(level: number): number {
  const journey = currentJourney();
  if (!journey) return 0;
  // The dialog asks on every render (progress re-renders it): plan each level of a trace once.
  let counts = levelCounts.get(journey.trace);
  if (!counts || counts.topology !== journey.topology)
    levelCounts.set(journey.trace, (counts = { topology: journey.topology, byLevel: new Map() }));
  let total = counts.byLevel.get(level);
  if (total === undefined)
    counts.byLevel.set(level, (total = planDeck(journey.topology, journey.trace, { level }).total));
  return total;
}

const levelCounts = new WeakMap<Trace, { topology: Topology; byLevel: Map<number, number> }>();

export function canExportSlides(): boolean {
  const s = app();
  return s.replay.trace !== undefined && !s.replay.running;
}

/** Slides (Export ▸ Slides…) or a lesson player (Export ▸ Lesson Player…): one dialog, two memories. */
export type ExportKind = 'slides' | 'lesson';

/**
 * The dialog starts from this document's last export of that kind (saved with the file: `replay.slides`,
 * `replay.lesson`), its range fitted to the journey as it is now; a document never exported starts at the level on
 * screen, every step, in the app's language and theme.
 */
export function openExportDialog(kind: ExportKind = 'slides'): void {
  if (!canExportSlides()) return;
  const s = app();
  const everyStep = (level: number) => ({ level, from: 1, to: stepsAtLevel(level) });
  const fitted = ({ level, from, to }: { level: number; from: number; to: number }) => {
    const last = Math.max(1, Math.min(to, stepsAtLevel(level)));
    return { level, from: Math.min(from, last), to: last };
  };
  const slides = s.replay.slides;
  let settings: ExportSettings = slides
    ? { ...slides, ...fitted(slides) }
    : { ...everyStep(s.replay.level), lang: s.language, theme: s.theme, format: 'pptx', size: '1920x1080' };
  if (kind === 'lesson') {
    const lesson = s.replay.lesson;
    settings = {
      ...settings,
      format: 'player',
      ...(lesson ? { ...fitted(lesson), lang: lesson.lang } : { ...everyStep(s.replay.level), lang: s.language }),
    };
  }
  useExport.setState({ open: true, error: undefined, confirmMany: false, settings });
}

/** Roughly how large the lesson player of the journey on screen will be (its data measured once per trace). */
export function lessonEstimate(): number {
  const journey = currentJourney();
  if (!journey) return 0;
  let length = lessonSizes.get(journey.trace);
  if (length === undefined) {
    const data = { ...journey, format: 'packet-journey-lesson' as const, title: '', lang: 'en' as const, level: 7 };
    lessonSizes.set(journey.trace, (length = lessonJson({ ...data, level: 7 as DetailLevel }).length));
  }
  return estimateLessonBytes(length);
}

const lessonSizes = new WeakMap<Trace, number>();

/** Above this many slides the dialog asks before exporting (a 237-page deck is rarely what a teacher meant). */
export const MANY_SLIDES = 60;

export function updateSettings(patch: Partial<ExportSettings>): void {
  useExport.setState((e) => {
    const settings = { ...e.settings, ...patch };
    // A new level counts steps anew: default to all of them again.
    if (patch.level !== undefined && patch.level !== e.settings.level) {
      settings.from = 1;
      settings.to = stepsAtLevel(patch.level);
    }
    return { settings, error: undefined, confirmMany: false };
  });
}

export function closeExportDialog(): void {
  if (useExport.getState().run) return;
  useExport.setState({ open: false });
}

/** Web mode packs per-slide images into one ZIP; the desktop app writes them into a folder. */
export function slideFormat(format: SlideExportFormat, desktop: boolean): SlideFormat {
  if (format === 'png') return desktop ? 'png-dir' : 'zip';
  if (format === 'svg') return desktop ? 'svg-dir' : 'svg-zip';
  return format;
}

export function deckJob(
  settings: ExportSettings & { format: SlideExportFormat },
  journey = currentJourney(),
): DeckJob | undefined {
  if (!journey) return undefined;
  const { width, height } = sizeOf(settings.size);
  return {
    topology: journey.topology,
    trace: journey.trace,
    level: settings.level,
    steps: [settings.from, settings.to],
    lang: settings.lang,
    theme: settings.theme,
    format: slideFormat(settings.format, desktopSlides() !== undefined),
    width,
    height,
  };
}

function baseName(): string {
  const s = app();
  return safeBaseName(s.file?.name ?? s.doc?.name ?? 'journey');
}

let controller: AbortController | undefined;

export function cancelExport(): void {
  controller?.abort();
}

function setRun(run: ExportState['run']): void {
  useExport.setState({ run });
}
type ExportState = ReturnType<typeof useExport.getState>;

function finished(count: number, name: string): void {
  useExport.setState({ run: undefined, open: false });
  app().pushToast({ kind: 'info', title: t('done'), message: t('doneMessage', { count, name }) });
}

export async function startExport(): Promise<void> {
  const { settings, run } = useExport.getState();
  const journey = currentJourney();
  if (run || !journey) return;
  const total = stepsAtLevel(settings.level);
  if (!(settings.from >= 1 && settings.to <= total && settings.from <= settings.to)) {
    useExport.setState({ error: t('badRange', { total }) });
    return;
  }
  if (settings.format === 'player') return exportLesson(settings, journey, total);
  const job = deckJob({ ...settings, format: settings.format }, journey)!;
  const count = settings.to - settings.from + 1;
  if (count > MANY_SLIDES && !useExport.getState().confirmMany) {
    useExport.setState({ confirmMany: true });
    return;
  }
  useExport.setState({ confirmMany: false });
  // Remembered for this document (and saved with it) as soon as it is asked for, even if the export is canceled.
  app().setReplay({ slides: { ...settings, format: settings.format } });
  controller = new AbortController();
  const signal = controller.signal;
  const onProgress = (done: number, all: number) =>
    setRun({ phase: done >= all ? 'packing' : 'rendering', done, total: all });
  const desktop = desktopSlides();
  useExport.setState({ error: undefined });
  try {
    if (desktop) {
      setRun({ phase: 'preparing', done: 0, total: count });
      const { trace } = journey;
      const result = await desktop.exportDeck(
        {
          requestId: `deck-${Date.now().toString(36)}`,
          topologyText: serializeTopology(journey.topology),
          // Whole, with what was done before the fetch: main runs this journey again.
          scenario: trace.scenario,
          level: job.level,
          steps: [settings.from, settings.to],
          lang: job.lang,
          theme: job.theme,
          format: job.format as 'png-dir' | 'svg-dir' | 'pdf' | 'pptx' | 'gif',
          width: job.width,
          height: job.height,
          suggestedName: `${baseName()}-slides`,
        },
        onProgress,
        signal,
      );
      if (result.ok) finished(result.slides, result.path);
      else if (result.canceled) setRun(undefined);
      else throw new Error(result.error);
      return;
    }
    const name = `${baseName()}-slides.${FORMAT_EXTENSION[job.format]}`;
    const save = await chooseSaveTarget(name, FORMAT_MIME[job.format], t(`formats.${settings.format}`));
    if (!save) return;
    setRun({ phase: 'preparing', done: 0, total: count });
    const deck = await runWorkerJob({ kind: 'deck', job }, { onProgress, signal, dedicated: true });
    await save(new Blob([deck.files[0].bytes as BlobPart], { type: FORMAT_MIME[job.format] }));
    finished(deck.slides, name);
  } catch (error) {
    failedOrCanceled(error, signal);
  } finally {
    controller = undefined;
  }
}

function failedOrCanceled(error: unknown, signal: AbortSignal): void {
  if (error instanceof WorkerJobCanceled || signal.aborted) {
    setRun(undefined);
    app().pushToast({ kind: 'info', title: t('canceled') });
  } else {
    useExport.setState({ run: undefined, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The lesson player (shared/player/lesson.ts): at the chosen level, in the chosen language, locked to the range
 * unless it is every step. Web mode makes it in the slides worker, which loads the player's bundle only when asked,
 * and saves it with the save picker or a download; the desktop app, whose page may do neither, has main make it
 * with the command line's code and write it where the user picks. No question above 60 steps: a longer player is
 * not more pages, only a longer journey to step through.
 */
async function exportLesson(settings: ExportSettings, journey: Journey, total: number): Promise<void> {
  const { level, from, to, lang } = settings;
  app().setReplay({ lesson: { level, from, to, lang } });
  const steps: [number, number] | undefined = from === 1 && to === total ? undefined : [from, to];
  controller = new AbortController();
  const signal = controller.signal;
  useExport.setState({ error: undefined, confirmMany: false });
  try {
    const desktop = desktopSlides();
    if (desktop) {
      // Main makes it in a second or two and cannot be stopped halfway: the result is reported as it is.
      setRun({ phase: 'preparing', done: 0, total: 1 });
      const result = await desktop.exportLesson({
        topologyText: serializeTopology(journey.topology),
        scenario: journey.trace.scenario,
        level,
        ...(steps ? { steps } : {}),
        lang,
        suggestedName: `${baseName()}-lesson`,
      });
      if (result.ok) lessonFinished(result.path);
      else if (result.canceled) setRun(undefined);
      else throw new Error(result.error);
      return;
    }
    const name = `${baseName()}-lesson.html`;
    const save = await chooseSaveTarget(name, 'text/html', t('formats.player'));
    if (!save) return;
    setRun({ phase: 'preparing', done: 0, total: 1 });
    const { files } = await runWorkerJob(
      {
        kind: 'lesson',
        job: {
          format: 'packet-journey-lesson',
          title: deckTitle(journey.topology, journey.trace),
          lang,
          level: level as DetailLevel,
          ...(steps ? { steps } : {}),
          topology: journey.topology,
          trace: journey.trace,
        },
      },
      { signal, dedicated: true },
    );
    await save(new Blob([files[0].bytes as BlobPart], { type: 'text/html' }));
    lessonFinished(name);
  } catch (error) {
    if (desktopSlides())
      useExport.setState({ run: undefined, error: error instanceof Error ? error.message : String(error) });
    else failedOrCanceled(error, signal);
  } finally {
    controller = undefined;
  }
}

function lessonFinished(where: string): void {
  useExport.setState({ run: undefined, open: false });
  app().pushToast({ kind: 'info', title: t('playerDone'), message: where });
}

type Journey = NonNullable<ReturnType<typeof currentJourney>>;

const DIAGRAM_SIZE = { width: 1920, height: 1080 };

function diagramTheme(): 'light' | 'dark' {
  return app().theme;
}

export async function exportDiagramImage(format: 'png' | 'svg'): Promise<void> {
  const doc = app().doc;
  if (!doc) return;
  const name = `${baseName()}-diagram.${format}`;
  const mime = format === 'png' ? 'image/png' : 'image/svg+xml';
  try {
    const desktop = desktopSlides();
    if (desktop) {
      const result = await desktop.exportDiagram({
        topologyText: serializeTopology(doc),
        theme: diagramTheme(),
        format,
        ...DIAGRAM_SIZE,
        suggestedName: `${baseName()}-diagram`,
      });
      if (result.ok) app().pushToast({ kind: 'info', title: t('diagramDone'), message: result.path });
      else if (!result.canceled) throw new Error(result.error);
      return;
    }
    const save = await chooseSaveTarget(name, mime, format.toUpperCase());
    if (!save) return;
    const { files } = await runWorkerJob({
      kind: 'diagram',
      job: { topology: doc, theme: diagramTheme(), format, ...DIAGRAM_SIZE },
    });
    await save(new Blob([files[0].bytes as BlobPart], { type: mime }));
    app().pushToast({ kind: 'info', title: t('diagramDone'), message: name });
  } catch (error) {
    app().pushToast({
      kind: 'error',
      title: t('failed'),
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** File ▸ Export ▸ Lesson Player…: the export dialog, set to the lesson player and its last choices. */
export function exportLessonPlayer(): void {
  openExportDialog('lesson');
}

/** Which slide of the level's deck shows the step on screen (1-based), and how many the deck has. */
export function slideOfCurrentStep(journey = currentJourney()): { index: number; total: number } | undefined {
  const { replay } = app();
  if (!journey) return undefined;
  const plan = planDeck(journey.topology, journey.trace, { level: replay.level });
  const at = plan.slides.findIndex((s) => s.item.first <= replay.step && replay.step <= s.item.last);
  return at < 0 ? undefined : { index: at + 1, total: plan.total };
}

/** "Copy this step as a slide": the slide the export would make of the step on screen, 1920 × 1080, as a PNG. */
export async function copyStepSlide(): Promise<void> {
  const journey = currentJourney();
  const slide = slideOfCurrentStep(journey);
  if (!journey || !slide) return;
  const s = app();
  const { width, height } = DIAGRAM_SIZE;
  const job: DeckJob = {
    topology: journey.topology,
    trace: journey.trace,
    level: s.replay.level,
    steps: [slide.index, slide.index],
    lang: s.language,
    theme: s.theme,
    format: 'png-dir',
    width,
    height,
  };
  try {
    const desktop = desktopSlides();
    if (desktop) {
      // The desktop page has no clipboard permission: main renders the slide and puts it on the clipboard.
      const result = await desktop.copySlide({
        topologyText: serializeTopology(journey.topology),
        scenario: journey.trace.scenario,
        level: job.level,
        step: slide.index,
        lang: job.lang,
        theme: job.theme,
        width,
        height,
      });
      if (!result.ok) throw new Error(result.error);
    } else
      await copyPngToClipboard(
        runWorkerJob({ kind: 'preview', job, previewWidth: width }).then((r) => r.files[0].bytes),
      );
    app().pushToast({ kind: 'info', title: t('slideCopied', slide) });
  } catch (error) {
    app().pushToast({
      kind: 'error',
      title: t('copyFailed'),
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

export async function copyDiagramImage(): Promise<void> {
  const doc = app().doc;
  if (!doc) return;
  try {
    const desktop = desktopSlides();
    if (desktop) {
      const result = await desktop.copyDiagram({
        topologyText: serializeTopology(doc),
        theme: diagramTheme(),
        ...DIAGRAM_SIZE,
      });
      if (!result.ok) throw new Error(result.error);
    } else {
      await copyPngToClipboard(
        runWorkerJob({
          kind: 'diagram',
          job: { topology: doc, theme: diagramTheme(), format: 'png', ...DIAGRAM_SIZE },
        }).then((r) => r.files[0].bytes),
      );
    }
    app().pushToast({ kind: 'info', title: t('copied') });
  } catch (error) {
    app().pushToast({
      kind: 'error',
      title: t('copyFailed'),
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
