// What the renderer needs from the platform it runs on. Electron implements it in the preload bridge (over IPC to
// the main process); web mode implements it with the browser's file APIs and a Web Worker. Types only.
import type { Scenario, Trace } from './engine/trace';

export interface OpenedFile {
  /** File name shown to the user, e.g. "home-to-web.packetjourney". */
  name: string;
  /** Absolute path (Electron) or undefined (web mode). */
  path?: string;
  /** Raw bytes as read; the shared loader decides whether they are a valid topology. */
  bytes: Uint8Array;
}

export type OpenResult =
  { ok: true; file: OpenedFile } | { ok: false; canceled: true } | { ok: false; canceled: false; error: string };

export interface SaveRequest {
  /** Canonical file text. */
  text: string;
  /** Suggested name. */
  name: string;
  /** Where it was opened from / last saved (Electron); absent means ask. */
  path?: string;
  /** Always ask where to save. */
  saveAs: boolean;
}

export type SaveResult =
  | { ok: true; name: string; path?: string }
  | { ok: false; canceled: true }
  | { ok: false; canceled: false; error: string };

export interface RecentFile {
  name: string;
  path: string;
}

export type EngineRunResult = { ok: true; trace: Trace } | { ok: false; error: string };

export interface Platform {
  kind: 'electron' | 'web';
  openFile(): Promise<OpenResult>;
  /** Open a known path (Recent, command line, double-click). */
  openPath(path: string): Promise<OpenResult>;
  saveFile(request: SaveRequest): Promise<SaveResult>;
  recentFiles(): Promise<RecentFile[]>;
  /** Title with the dirty marker, e.g. "• home-to-web — Packet Journey". */
  setTitle(title: string, dirty: boolean): void;
  /** Native menu items run commands by id; returns an unsubscribe function. */
  onCommand(handler: (commandId: string) => void): () => void;
  /** Run the simulation engine off the UI thread. */
  simulate(topologyText: string, scenario: Scenario, signal?: AbortSignal): Promise<EngineRunResult>;
}
