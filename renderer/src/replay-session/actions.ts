// What the user does with a replay: run (in the engine worker), cancel, step, change the level, export a capture,
// open the configuration entry behind a decision, and follow a link to a moment of a journey.
import { serializeTopology } from '../../../shared/model/canonical';
import { traceToPcapng } from '../../../shared/engine/pcap';
import { traceToJson } from '../../../shared/engine/trace-json';
import type { ConfigRef } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import { DETAIL_LEVELS, type DetailLevel } from '../../../shared/replay/levels';
import { keyStepAt, playbackReducer, type PlaybackAction } from '../../../shared/replay/playback';
import { formatDeepLink, parseDeepLink } from '../../../shared/replay/deep-link';
import { platform } from '../platform';
import { useApp } from '../store';
import { initialReplay } from '../store/replay';
import { i18next } from '../i18n';
import { loadSampleText, sampleExists } from '../files/samples';
import { confirmDiscard } from '../files/actions';
import { loadTopology } from '../../../shared/model/load';
import { defaultRequest, itemsFor, resolveDevice, steppingItemsFor } from './derive';
import { chooseSaveTarget, safeBaseName } from '../export/deliver';

const state = () => useApp.getState();
const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, { ns: 'app', ...options });

let controller: AbortController | null = null;

/** Run the engine on the current document with the browser bar's request; land on `step` when given. */
export async function runReplay(options: { step?: number } = {}): Promise<void> {
  const { doc, replay } = state();
  if (!doc) return;
  const host = resolveDevice(doc, replay.request.from);
  if (!host) {
    state().setReplay({ error: t('replay.noHost') });
    return;
  }
  let text: string;
  try {
    text = serializeTopology(doc);
  } catch (error) {
    state().setReplay({ error: error instanceof Error ? error.message : String(error) });
    return;
  }
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  state().setReplay({ running: true, playing: false, error: undefined });
  const steps = replay.request.scenario;
  const scenario = {
    from: host.id,
    url: replay.request.url.trim(),
    seed: replay.seed,
    warm: replay.request.warm,
    ...(steps
      ? {
          before: steps.before,
          ...(steps.pauseSeconds !== undefined ? { pauseSeconds: steps.pauseSeconds } : {}),
          ...(steps.thenSet?.length ? { thenSet: steps.thenSet } : {}),
        }
      : {}),
  };
  const result = await platform.simulate(text, scenario, mine.signal);
  if (controller !== mine) return; // a newer run or a new document took over
  controller = null;
  if (mine.signal.aborted) {
    state().setReplay({ running: false });
    return;
  }
  if (!result.ok) {
    state().setReplay({ running: false, error: result.error });
    return;
  }
  const last = Math.max(result.trace.steps.length - 1, 0);
  // A fresh run starts on the first item's key frame; a saved moment or a link reopens at its own step.
  const first = keyStepAt(steppingItemsFor(result.trace, doc, state().replay.level, state().replay.allFrames), 0);
  state().setReplay({
    running: false,
    trace: result.trace,
    runTopology: doc,
    step: Math.min(options.step ?? first, last),
    playing: false,
    panelOpen: true,
  });
}

export function cancelReplay(): void {
  if (!controller) return;
  controller.abort();
  controller = null;
  state().setReplay({ running: false });
}

/** A new document replaces the replay: reopened at its saved moment when the file has one. */
export function resetReplayFor(doc: Topology | null): void {
  cancelReplay();
  if (!doc) {
    state().setReplay(initialReplay());
    return;
  }
  const saved = doc.replay;
  const base = initialReplay(defaultRequest(doc));
  if (!saved) {
    state().setReplay({ ...base, panelHeight: state().replay.panelHeight });
    return;
  }
  state().setReplay({
    ...base,
    panelHeight: state().replay.panelHeight,
    request: {
      from: resolveDevice(doc, saved.from)?.id ?? saved.from,
      url: saved.url,
      warm: saved.warm,
      ...(saved.scenario ? { scenario: saved.scenario } : {}),
    },
    level: saved.level as DetailLevel,
    seed: saved.seed,
    step: saved.step,
    slides: saved.slides,
    lesson: saved.lesson,
  });
  void runReplay({ step: saved.step });
}

export function playback(action: PlaybackAction): void {
  const { replay } = state();
  if (!replay.trace) return;
  const items = steppingItemsFor(replay.trace, replay.runTopology, replay.level, replay.allFrames);
  const next = playbackReducer({ step: replay.step, playing: replay.playing, speed: replay.speed }, action, items);
  if (next.step !== replay.step || next.playing !== replay.playing || next.speed !== replay.speed)
    state().setReplay(next);
}

/**
 * Another level tells the same moment: the step moves to the key frame of the new level's item that contains it. With
 * "All frames" on, stepping goes by frames at every level: the frame stays.
 */
export function setLevel(level: DetailLevel): void {
  const { replay } = state();
  if (!replay.trace || replay.allFrames) {
    state().setReplay({ level });
    return;
  }
  // From where the last change of level found the replay, while it has not moved since: the place survives 7 → 1 → 7.
  const at = replay.levelAnchor && replay.levelAnchor.step === replay.step ? replay.levelAnchor.at : replay.step;
  const step = keyStepAt(itemsFor(replay.trace, replay.runTopology, level), at);
  state().setReplay({ level, step, levelAnchor: { at, step } });
}

/**
 * "All frames" on: the list, the ladder and stepping go through every hop of every frame, starting from the frame on
 * screen. Off: back to the level's steps, at the key frame of the step that contains the current frame.
 */
export function setAllFrames(allFrames: boolean): void {
  const { replay } = state();
  if (replay.allFrames === allFrames) return;
  if (!replay.trace || allFrames) {
    state().setReplay({ allFrames });
    return;
  }
  const step = keyStepAt(itemsFor(replay.trace, replay.runTopology, replay.level), replay.step);
  state().setReplay({ allFrames, step, playing: false });
}

export function changeLevel(delta: 1 | -1): void {
  const i = DETAIL_LEVELS.indexOf(state().replay.level) + delta;
  if (i >= 0 && i < DETAIL_LEVELS.length) setLevel(DETAIL_LEVELS[i]);
}

function captureName(linkId?: string): string {
  const s = state();
  return `${safeBaseName(s.file?.name ?? s.doc?.name ?? 'journey')}${linkId ? `-${linkId}` : ''}.pcapng`;
}

/** The capture of the whole journey, or of one link ("export this link as pcap"): a save picker or a download. */
export async function exportPcap(linkId?: string): Promise<void> {
  const { trace } = state().replay;
  if (!trace) return;
  const name = captureName(linkId);
  const write = await chooseSaveTarget(name, 'application/vnd.tcpdump.pcap', 'pcapng capture');
  if (!write) return;
  const bytes = traceToPcapng(trace, linkId ? { linkIds: [linkId] } : {});
  try {
    await write(new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
    state().pushToast({
      kind: 'info',
      title: { key: 'replay.exported', params: { name } },
      // The journey's file holds each conversation once (shared/engine/pcap.ts): say so where it is saved.
      message: linkId ? undefined : { key: 'replay.exportAllHint' },
    });
  } catch (error) {
    state().pushToast({ kind: 'error', title: name, message: error instanceof Error ? error.message : String(error) });
  }
}

/** File ▸ Export ▸ JSON Trace…: the recorded trace as `packet-journey simulate --json` writes it. */
export async function exportTraceJson(): Promise<void> {
  const { trace } = state().replay;
  if (!trace) return;
  const name = captureName().replace(/\.pcapng$/, '-trace.json');
  const write = await chooseSaveTarget(name, 'application/json', 'JSON trace');
  if (!write) return;
  try {
    await write(new Blob([traceToJson(trace)], { type: 'application/json' }));
    state().pushToast({ kind: 'info', title: { key: 'replay.exported', params: { name } } });
  } catch (error) {
    state().pushToast({ kind: 'error', title: name, message: error instanceof Error ? error.message : String(error) });
  }
}

/** A decision's configuration entry: select its device and open the inspector there. */
export function openConfig(ref: ConfigRef): void {
  const s = state();
  if (!s.doc?.devices.some((d) => d.id === ref.deviceId)) return;
  const selection = { deviceIds: [ref.deviceId], linkIds: [] };
  s.setSelection(selection);
  s.setReplay({ configSelection: useApp.getState().selection === selection ? selection : undefined });
  s.setUi({ inspectorFocus: { deviceId: ref.deviceId, path: [...ref.path] } });
}

/** Open a bundled sample at a moment of its journey; false when the text is not such a link. */
export async function openDeepLink(text: string): Promise<boolean> {
  const link = parseDeepLink(text);
  if (!link) return false;
  if (!sampleExists(link.sample)) {
    state().pushToast({
      kind: 'error',
      title: { key: 'errors.openFailed', params: { name: link.sample } },
      message: { key: 'errors.sampleMissing' },
    });
    return true;
  }
  if (!(await confirmDiscard())) return true;
  const sampleText = await loadSampleText(link.sample);
  const loaded =
    sampleText === null
      ? undefined
      : loadTopology(new TextEncoder().encode(sampleText), `${link.sample}.packetjourney`);
  if (!loaded?.ok) return true;
  const doc = loaded.topology;
  const request = defaultRequest(doc);
  doc.replay = {
    from: resolveDevice(doc, link.from ?? request.from)?.id ?? request.from,
    url: link.url ?? request.url,
    level: link.level ?? 7,
    step: link.step ?? 0,
    warm: link.warm ?? false,
    seed: link.seed ?? 1,
  };
  state().replaceDocument(doc, { name: `${link.sample}.packetjourney` });
  return true;
}

/** The link to this moment, when the document is an unchanged bundled sample. */
export function currentDeepLink(): string | undefined {
  const s = state();
  const sample = s.file?.name.replace(/\.packetjourney$/, '');
  const trace = s.replay.trace;
  if (!sample || s.file?.path || !sampleExists(sample) || !trace || !s.doc) return undefined;
  return formatDeepLink({
    sample,
    from: s.doc.devices.find((d) => d.id === trace.scenario.from)?.name ?? trace.scenario.from,
    url: trace.scenario.url,
    level: s.replay.level,
    step: s.replay.step,
    warm: trace.scenario.warm,
    seed: trace.scenario.seed,
  });
}

export async function copyDeepLink(): Promise<void> {
  const link = currentDeepLink();
  if (!link) {
    state().pushToast({ kind: 'info', title: { key: 'replay.linkOnlySamples' } });
    return;
  }
  const full = platform.kind === 'web' ? `${location.origin}${location.pathname}${location.search}${link}` : link;
  try {
    await navigator.clipboard.writeText(full);
    state().pushToast({ kind: 'info', title: { key: 'replay.linkCopied' }, message: full });
  } catch {
    state().pushToast({ kind: 'info', title: { key: 'replay.linkCopied' }, message: full });
  }
}
