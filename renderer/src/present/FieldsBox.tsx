// The key frame's header fields beside the caption: the same rows as the slides' "on the wire" box
// (shared/slides/fields.ts), drawn as text so it is sharp at any size and read by screen readers.
import { useMemo, type CSSProperties, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import { stepFieldRows } from '../../../shared/slides/fields';
import { palette, protocolColour } from '../../../shared/slides/theme';
import { replayContext } from '../../../shared/replay/context';

interface FieldsBoxProps {
  trace: Trace;
  topology: Topology | undefined;
  step: number;
  lang: 'en' | 'ko';
  theme: 'light' | 'dark';
}

export function FieldsBox({ trace, topology, step, lang, theme }: FieldsBoxProps): JSX.Element {
  const { t } = useTranslation('present');
  const ctx = useMemo(() => replayContext(trace, topology), [trace, topology]);
  const current = trace.steps[step];
  const rows = useMemo(
    () => (current ? stepFieldRows(trace, current, lang, topology) : []),
    [trace, current, lang, topology],
  );
  const p = palette(theme);
  const title =
    current?.type === 'decision'
      ? t('fields.decision')
      : current?.type === 'drop'
        ? t('fields.drop')
        : t('fields.frame');
  const hop = !current
    ? ''
    : current.type === 'frame'
      ? `${ctx.deviceName(current.from.deviceId)} ${current.from.interface} → ${ctx.deviceName(current.to.deviceId)} ${current.to.interface}`
      : ctx.deviceName(current.deviceId);
  const anyChanged = rows.some((r) => r.lines.some((l) => l.some((part) => part.changed)));
  return (
    <aside className="pj-present-fields" aria-label={title} data-testid="present-fields">
      <h2 className="pj-present-fields-title">{title}</h2>
      {hop && <p className="pj-present-hop">{hop}</p>}
      {!current && <p className="pj-present-muted">{t('fields.none')}</p>}
      <div className="pj-present-rows">
        {rows.map((row, r) => (
          <div className="pj-present-row" key={`${row.tag}-${r}`}>
            <span className="pj-present-tag" style={{ '--tag': protocolColour(p, row.colour) } as CSSProperties}>
              {row.tag}
            </span>
            <div className="pj-present-values">
              {row.lines.map((line, i) => (
                <div key={i} className={row.wrap ? 'pj-present-line is-wrapped' : 'pj-present-line'}>
                  {line.map((part, j) => (
                    <span key={j} className={part.changed ? 'is-changed' : part.muted ? 'is-muted' : undefined}>
                      {part.text}
                    </span>
                  ))}
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      {anyChanged && (
        <p className="pj-present-legend">
          <span className="pj-present-swatch" aria-hidden />
          {current?.type === 'frame' ? t('fields.changed') : t('fields.highlighted')}
        </p>
      )}
    </aside>
  );
}
