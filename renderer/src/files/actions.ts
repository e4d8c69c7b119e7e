// New, Open, Save, Save As, Recent, samples and dropped files. Every path that replaces the document asks first when
// there are unsaved changes, and a file that does not load leaves the open document exactly as it was.
import { loadTopology } from '../../../shared/model/load';
import { serializeTopology } from '../../../shared/model/canonical';
import { emptyTopology } from '../../../shared/model/topology-edits';
import type { OpenResult } from '../../../shared/platform';
import { platform } from '../platform';
import { openDroppedFile } from '../platform/web';
import { isDirty, useApp } from '../store';
import type { ToastText } from '../store/ui';
import { i18next } from '../i18n';
import { loadSampleText, type SampleId } from './samples';
import { replayToSave } from '../replay-session/derive';

const EXTENSION = '.packetjourney';

function t(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, { ns: 'app', ...options });
}

function showError(title: string | ToastText, message: string | ToastText) {
  useApp.getState().pushToast({ kind: 'error', title, message });
}

/** Resolves true when it is fine to replace the current document. */
export async function confirmDiscard(): Promise<boolean> {
  const s = useApp.getState();
  if (!isDirty(s)) return true;
  return s.confirm({
    title: t('confirm.discardTitle'),
    message: t('confirm.discardMessage', { name: s.file?.name ?? t('untitled') }),
    confirmLabel: t('confirm.discard'),
    cancelLabel: t('confirm.cancel'),
  });
}

export async function newDocument() {
  if (!(await confirmDiscard())) return;
  useApp.getState().replaceDocument(emptyTopology(t('untitled')), null);
}

/** Load bytes into the editor, or explain in one message why not (the open document is untouched). */
export function openBytes(bytes: Uint8Array, name: string, path?: string): boolean {
  const result = loadTopology(bytes, name);
  if (!result.ok) {
    // Translated where shown: the message follows a change of language while it is on screen.
    showError(
      { key: 'errors.openFailed', params: { name } },
      result.reason ? { key: result.reason.key, ns: 'load', params: { ...result.reason.params } } : result.error,
    );
    return false;
  }
  // A migrated file is new bytes on save: mark it changed so the user is asked to keep the upgrade.
  useApp.getState().replaceDocument(result.topology, { name, path }, { dirty: result.migratedFrom !== undefined });
  return true;
}

async function openResult(result: OpenResult) {
  if (result.ok) openBytes(result.file.bytes, result.file.name, result.file.path);
  else if (!result.canceled) showError({ key: 'errors.openFailedGeneric' }, result.error);
}

export async function openFile() {
  if (!(await confirmDiscard())) return;
  await openResult(await platform.openFile());
}

export async function openRecent(path: string) {
  if (!(await confirmDiscard())) return;
  await openResult(await platform.openPath(path));
}

export async function openDropped(file: File) {
  if (!(await confirmDiscard())) return;
  await openResult(await openDroppedFile(file));
}

export async function openSample(id: SampleId) {
  if (!(await confirmDiscard())) return;
  const text = await loadSampleText(id);
  if (text === null) {
    showError({ key: 'errors.openFailed', params: { name: id } }, { key: 'errors.sampleMissing' });
    return;
  }
  openBytes(new TextEncoder().encode(text), `${id}${EXTENSION}`);
}

function suggestedName(): string {
  const s = useApp.getState();
  if (s.file?.name) return s.file.name;
  const base = (s.doc?.name || t('untitled')).replace(/[\\/:*?"<>|]+/g, '-').trim() || 'network';
  return `${base}${EXTENSION}`;
}

export async function save(saveAs = false): Promise<boolean> {
  const s = useApp.getState();
  if (!s.doc) return false;
  let text: string;
  try {
    // The replay's scenario and step travel with the file, so it reopens at the same moment.
    const replay = replayToSave(s.doc, s.replay);
    text = serializeTopology(replay ? { ...s.doc, replay } : s.doc);
  } catch (error) {
    showError(
      { key: 'errors.saveFailed', params: { name: suggestedName() } },
      error instanceof Error ? error.message : String(error),
    );
    return false;
  }
  const doc = s.doc;
  const result = await platform.saveFile({
    text,
    name: suggestedName(),
    path: s.file?.path,
    saveAs: saveAs || !s.file?.path,
  });
  if (!result.ok) {
    if (!result.canceled) showError({ key: 'errors.saveFailed', params: { name: suggestedName() } }, result.error);
    return false;
  }
  // Mark exactly what was written as saved, even if the user edited while the dialog was open.
  useApp.setState((state) => ({ saved: doc, file: { name: result.name, path: result.path ?? state.file?.path } }));
  return true;
}

export function windowTitle(): { title: string; dirty: boolean } {
  const s = useApp.getState();
  if (!s.doc) return { title: 'Packet Journey', dirty: false };
  const dirty = isDirty(s);
  const name = s.file?.name ?? s.doc.name ?? t('untitled');
  return { title: `${dirty ? '• ' : ''}${name} — Packet Journey`, dirty };
}
