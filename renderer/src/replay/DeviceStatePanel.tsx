// A device's tables (ARP cache, MAC table, routes, NAT, resolver cache, HTTP cache…) as they stand after the
// current step; stepping back and forth shows them change.
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceState, StateTableName } from '../../../shared/engine/trace';
import { stateAt } from '../../../shared/engine/state';
import type { ReplayModel } from './model';

export interface DeviceStatePanelProps {
  model: ReplayModel;
  step: number;
  deviceId: string;
  /** Lets the user pick another device; omit to hide the picker. */
  onDeviceChange?(deviceId: string): void;
}

const TABLE_ORDER: StateTableName[] = [
  'addresses',
  'settings',
  'arp',
  'macTable',
  'routes',
  'nat',
  'conntrack',
  'dhcpLeases',
  'dnsCache',
  'httpCache',
  'hsts',
  'hostCache',
  'connections',
];

/**
 * The ARP table as Linux shows it at `nowUs`: a REACHABLE entry whose time is up is STALE (the kernel's timer does
 * that without a packet, so the trace records no change), and a timer reads as the seconds it has left.
 */
function neighbourRows(
  rows: Record<string, unknown>[],
  nowUs: number,
  seconds: (s: string) => string,
): Record<string, unknown>[] {
  return rows.map((r) => {
    if (r.state === undefined) return r;
    const until = typeof r.timerUs === 'number' ? r.timerUs : undefined;
    if (r.state === 'REACHABLE' && until !== undefined && nowUs >= until)
      return { ...r, state: 'STALE', timerUs: undefined };
    return { ...r, timerUs: until === undefined ? undefined : seconds(((until - nowUs) / 1e6).toFixed(1)) };
  });
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function DeviceStatePanel({ model, step, deviceId, onDeviceChange }: DeviceStatePanelProps): JSX.Element {
  const { t } = useTranslation('replay');
  const states = useMemo(() => stateAt(model.trace, step), [model.trace, step]);
  const state: DeviceState | undefined = states[deviceId];
  const name = model.ctx.deviceName;
  const deviceIds = Object.keys(states);
  return (
    <section className="pj-replay pj-state" aria-label={t('state.label')} data-testid="device-state">
      <div className="pj-section-head">
        <h4>
          {step < 0
            ? t('state.before', { device: name(deviceId) })
            : t('state.title', { device: name(deviceId), n: step + 1 })}
        </h4>
        {onDeviceChange && (
          <label className="pj-field">
            <span className="pj-sr-only">{t('state.device')}</span>
            <select value={deviceId} onChange={(e) => onDeviceChange(e.target.value)}>
              {deviceIds.map((id) => (
                <option key={id} value={id}>
                  {name(id)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!state ? (
        <p className="pj-muted">{t('state.noState')}</p>
      ) : (
        TABLE_ORDER.filter((table) => state[table].length > 0).map((table) => {
          const raw = state[table] as unknown as Record<string, unknown>[];
          const rows =
            table === 'arp'
              ? neighbourRows(raw, model.trace.steps[step]?.timeUs ?? 0, (seconds) => t('state.timerIn', { seconds }))
              : raw;
          const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'configRef');
          return (
            <div key={table} className="pj-state-table" data-table={table}>
              <h5>{t(`state.tables.${table}`)}</h5>
              <div className="pj-table-scroll">
                <table className="pj-table">
                  <thead>
                    <tr>
                      {columns.map((c) => (
                        <th key={c} scope="col">
                          {t(`state.columns.${c}`, { defaultValue: c })}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r, i) => (
                      <tr key={i}>
                        {columns.map((c) => (
                          <td key={c}>{cell(r[c])}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })
      )}
    </section>
  );
}
