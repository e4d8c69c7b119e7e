// Colours of a slide. Protocols always come with a text label too, so colour is never the only cue; the print
// theme keeps ink low (white page, outlines instead of fills) but keeps protocol colours, dark enough for paper.
import type { DeviceKind } from '../model/schema';
import { PROTOCOL_TAGS, tagColours, type ProtocolTag } from '../wire/protocols';

export type SlideTheme = 'light' | 'dark' | 'print';
export const SLIDE_THEMES: readonly SlideTheme[] = ['light', 'dark', 'print'];

export type ProtocolColourKey = ProtocolTag;

export interface Palette {
  background: string;
  /** Cards (caption, header fields). */
  panel: string;
  panelBorder: string;
  text: string;
  muted: string;
  faint: string;
  /** Links that have not carried anything yet. */
  linkIdle: string;
  /** Links that carried traffic earlier in the journey. */
  linkUsed: string;
  /** Halo behind labels drawn over lines. */
  halo: string;
  deviceStroke: string;
  deviceFill: Record<DeviceKind, string>;
  deviceTint: Record<DeviceKind, string>;
  protocol: Record<ProtocolColourKey, string>;
  /** Text on a protocol-coloured pill. */
  onProtocol: string;
  drop: string;
  changed: string;
  progressTrack: string;
}

/** The protocols' colours on slides of `theme`, from their registry entries (shared/wire/protocols.ts). */
function protocolColours(theme: SlideTheme): Record<ProtocolColourKey, string> {
  return Object.fromEntries(PROTOCOL_TAGS.map((t) => [t, tagColours(t).slides[theme]])) as Record<
    ProtocolColourKey,
    string
  >;
}

const PALETTES: Record<SlideTheme, Palette> = {
  light: {
    background: '#ffffff',
    panel: '#f8fafc',
    panelBorder: '#e2e8f0',
    text: '#0f172a',
    muted: '#475569',
    faint: '#94a3b8',
    linkIdle: '#cbd5e1',
    linkUsed: '#64748b',
    halo: '#ffffff',
    deviceStroke: '#334155',
    deviceFill: { host: '#dbeafe', switch: '#ccfbf1', router: '#e0e7ff', firewall: '#fee2e2', server: '#dcfce7' },
    deviceTint: { host: '#1d4ed8', switch: '#0f766e', router: '#4338ca', firewall: '#b91c1c', server: '#15803d' },
    protocol: protocolColours('light'),
    onProtocol: '#ffffff',
    drop: '#dc2626',
    changed: '#b45309',
    progressTrack: '#e2e8f0',
  },
  dark: {
    background: '#0b1220',
    panel: '#111a2e',
    panelBorder: '#24324d',
    text: '#f1f5f9',
    muted: '#a7b4c8',
    faint: '#64748b',
    linkIdle: '#2a3854',
    linkUsed: '#8a9bb5',
    halo: '#0b1220',
    deviceStroke: '#cbd5e1',
    deviceFill: { host: '#1e3a8a', switch: '#134e4a', router: '#312e81', firewall: '#7f1d1d', server: '#14532d' },
    deviceTint: { host: '#93c5fd', switch: '#5eead4', router: '#a5b4fc', firewall: '#fca5a5', server: '#86efac' },
    protocol: protocolColours('dark'),
    onProtocol: '#ffffff',
    drop: '#f87171',
    changed: '#fbbf24',
    progressTrack: '#24324d',
  },
  print: {
    background: '#ffffff',
    panel: '#ffffff',
    panelBorder: '#9ca3af',
    text: '#000000',
    muted: '#374151',
    faint: '#6b7280',
    linkIdle: '#c4c4c4',
    linkUsed: '#4b5563',
    halo: '#ffffff',
    deviceStroke: '#111827',
    deviceFill: { host: '#ffffff', switch: '#ffffff', router: '#ffffff', firewall: '#ffffff', server: '#ffffff' },
    deviceTint: { host: '#111827', switch: '#111827', router: '#111827', firewall: '#111827', server: '#111827' },
    protocol: protocolColours('print'),
    onProtocol: '#ffffff',
    drop: '#b91c1c',
    changed: '#92400e',
    progressTrack: '#d1d5db',
  },
};

export function palette(theme: SlideTheme): Palette {
  return PALETTES[theme];
}

export function protocolColour(p: Palette, protocol: ProtocolColourKey): string {
  return p.protocol[protocol];
}

export const FONT_FAMILY = 'Pretendard';
