// View state that is not part of the document: panels, toggles, theme, language, messages.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'ko';

/** A text to translate where it is shown, so a message already on screen follows a change of language. */
export interface ToastText {
  key: string;
  /** i18n namespace; default "app". */
  ns?: string;
  params?: Record<string, unknown>;
}

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  title: string | ToastText;
  message?: string | ToastText;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  resolve(ok: boolean): void;
}

export interface InspectorFocus {
  deviceId: string;
  path: (string | number)[];
}

interface Prefs {
  theme: Theme;
  language: Language;
  snapToGrid: boolean;
  showGrid: boolean;
  showMinimap: boolean;
  showProblems: boolean;
}

export interface UiSlice extends Prefs {
  showStart: boolean;
  commandPaletteOpen: boolean;
  aboutOpen: boolean;
  inspectorFocus: InspectorFocus | undefined;
  toasts: Toast[];
  confirmRequest: ConfirmRequest | null;
  setPref<K extends keyof Prefs>(key: K, value: Prefs[K]): void;
  setUi(patch: Partial<Pick<UiSlice, 'showStart' | 'commandPaletteOpen' | 'aboutOpen' | 'inspectorFocus'>>): void;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  confirm(request: Omit<ConfirmRequest, 'resolve'>): Promise<boolean>;
  answerConfirm(ok: boolean): void;
}

const PREFS_KEY = 'packet-journey.prefs';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function systemLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function loadPrefs(): Prefs {
  const defaults: Prefs = {
    theme: systemTheme(),
    language: systemLanguage(),
    snapToGrid: true,
    showGrid: true,
    showMinimap: true,
    showProblems: true,
  };
  try {
    const stored = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
    return { ...defaults, ...stored };
  } catch {
    return defaults;
  }
}

let nextToastId = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  ...loadPrefs(),
  showStart: true,
  commandPaletteOpen: false,
  aboutOpen: false,
  inspectorFocus: undefined,
  toasts: [],
  confirmRequest: null,

  setPref(key, value) {
    set({ [key]: value } as Partial<AppState>);
    const s = get();
    const prefs: Prefs = {
      theme: s.theme,
      language: s.language,
      snapToGrid: s.snapToGrid,
      showGrid: s.showGrid,
      showMinimap: s.showMinimap,
      showProblems: s.showProblems,
    };
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
    } catch {
      // Storage can be unavailable (private mode); the preference still applies for this session.
    }
  },

  setUi(patch) {
    set(patch);
  },

  pushToast(toast) {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
  },

  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },

  confirm(request) {
    get().confirmRequest?.resolve(false);
    return new Promise<boolean>((resolve) => set({ confirmRequest: { ...request, resolve } }));
  },

  answerConfirm(ok) {
    const request = get().confirmRequest;
    set({ confirmRequest: null });
    request?.resolve(ok);
  },
});
