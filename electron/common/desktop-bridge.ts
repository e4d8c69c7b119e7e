// What the desktop app offers the renderer beyond the Platform interface (shared/platform.ts). Exposed by the
// preload as `window.packetJourneyDesktop`; absent in web mode, so the renderer must treat it as optional.

/** Something main asks the renderer to open: a file (command line, double-click, second launch, Recent menu) or
 *  autosaved work the user chose to restore after a crash. */
export type OpenRequest =
  | { kind: 'path'; path: string }
  /** A link to a moment of a journey of a bundled sample, e.g. "#/open/home-to-web?from=pc&url=…&level=7&step=12". */
  | { kind: 'link'; link: string }
  | { kind: 'recovered'; name: string; path?: string; text: string; savedAt: string };

export interface RecoveryDocument {
  name: string;
  path?: string;
  /** Canonical document text. */
  text: string;
}

export interface DesktopBridge {
  /** Open requests are buffered until the first handler subscribes, so none is lost during startup. For a path,
   *  call `packetJourney.openPath(path)` (after the usual unsaved-changes prompt). */
  onOpenRequest(handler: (request: OpenRequest) => void): () => void;
  /** Autosave while the document is dirty (e.g. a few seconds after each edit). Main clears it after a save. */
  writeRecovery(document: RecoveryDocument): Promise<void>;
  /** Call when the user deliberately discards changes (New / Open without saving). */
  clearRecovery(): Promise<void>;
}
