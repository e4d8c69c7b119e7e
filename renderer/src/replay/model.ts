// Derivations a replay view needs, memoised per trace (and level), so stepping never recomputes them.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import { classifySteps, type StepClass } from '../../../shared/replay/classify';
import { replayContext, type ReplayContext } from '../../../shared/replay/context';
import { viewAtLevel, type Caption, type DetailLevel, type ReplayItem } from '../../../shared/replay/levels';
import { proseLangOf } from '../../../shared/engine/prose';
import { captionText } from '../../../shared/replay/captions';

export interface ReplayModel {
  trace: Trace;
  ctx: ReplayContext;
  classes: StepClass[];
  items: ReplayItem[];
  level: DetailLevel;
}

export function useReplayModel(trace: Trace, topology: Topology | undefined, level: DetailLevel): ReplayModel {
  const ctx = useMemo(() => replayContext(trace, topology), [trace, topology]);
  const classes = useMemo(() => classifySteps(trace, ctx), [trace, ctx]);
  const items = useMemo(() => viewAtLevel(trace, level, ctx), [trace, level, ctx]);
  // One object per trace and level, so memoised views skip re-rendering while only the step changes.
  return useMemo(() => ({ trace, ctx, classes, items, level }), [trace, ctx, classes, items, level]);
}

export function useCaption(): (caption: Caption) => string {
  const { t, i18n } = useTranslation('replay');
  const lang = proseLangOf(i18n.language);
  // Stable per language, so what it produces can be memoised.
  return useCallback(
    (caption: Caption) => captionText((key, params) => t(key, params ?? {}) as string, caption, lang),
    [t, lang],
  );
}

/** Milliseconds of virtual time, with fewer decimals as the number grows so the column stays narrow. */
export function formatTimeMs(timeUs: number): string {
  const ms = timeUs / 1000;
  return ms < 100 ? ms.toFixed(3) : ms < 10_000 ? ms.toFixed(1) : ms.toFixed(0);
}
