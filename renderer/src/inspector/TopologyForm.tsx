import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEVICE_KINDS, type DeviceKind, type Topology } from '../../../shared/model/schema';
import { Section, useInspector } from './context';
import { Row, TextField } from './fields';
import { KindIcon } from './KindIcon';
import { AuthoritiesSection } from './TlsSections';
import { maxLength } from './validation';

function countKinds(topology: Topology, ids?: ReadonlySet<string>): Map<DeviceKind, number> {
  const counts = new Map<DeviceKind, number>();
  for (const d of topology.devices) if (!ids || ids.has(d.id)) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  return counts;
}

function KindCounts({ counts }: { counts: Map<DeviceKind, number> }) {
  const { t } = useTranslation('inspector');
  return (
    <ul className="pj-insp-counts">
      {DEVICE_KINDS.filter((k) => counts.has(k)).map((k) => (
        <li key={k}>
          <KindIcon kind={k} /> <span>{t(`kindCount.${k}`, { count: counts.get(k) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** Nothing selected: the document itself. */
export function TopologyForm() {
  const { t } = useTranslation('inspector');
  const { topology, onEdit } = useInspector();
  const counts = useMemo(() => countKinds(topology), [topology.devices]);
  return (
    <>
      <Section id="general" title={t('section.topology')}>
        <Row label={t('field.topologyName')}>
          <TextField
            label={t('field.topologyName')}
            value={topology.name}
            parse={maxLength(200)}
            onCommit={(name) => onEdit(t('undo.topologyName'), (d) => void (d.name = name))}
          />
        </Row>
        <Row label={t('field.description')}>
          <TextField
            label={t('field.description')}
            value={topology.description}
            parse={(text) => {
              const r = maxLength(10000)(text);
              return r.ok ? { ok: true, value: text.trim() === '' ? undefined : text } : r;
            }}
            onCommit={(description) =>
              onEdit(t('undo.description'), (d) => {
                if (description === undefined) delete d.description;
                else d.description = description;
              })
            }
            multiline
            rows={5}
            placeholder={t('placeholder.description')}
          />
        </Row>
      </Section>
      <Section id="contents" title={t('section.contents')}>
        <p className="pj-insp-summary">
          {t('summary.devices', { count: topology.devices.length })} ·{' '}
          {t('summary.links', { count: topology.links.length })}
        </p>
        <KindCounts counts={counts} />
        {topology.devices.length === 0 && <p className="pj-insp-note">{t('hint.emptyTopology')}</p>}
      </Section>
      <AuthoritiesSection />
    </>
  );
}

/** Several things selected: how many and of which kinds. */
export function SelectionSummary({ deviceIds, linkIds }: { deviceIds: string[]; linkIds: string[] }) {
  const { t } = useTranslation('inspector');
  const { topology } = useInspector();
  const counts = useMemo(() => countKinds(topology, new Set(deviceIds)), [topology.devices, deviceIds]);
  return (
    <Section id="general" title={t('section.selection')}>
      <p className="pj-insp-summary">
        {t('summary.selected', { count: deviceIds.length + linkIds.length })}
        {deviceIds.length > 0 && <> · {t('summary.devices', { count: deviceIds.length })}</>}
        {linkIds.length > 0 && <> · {t('summary.links', { count: linkIds.length })}</>}
      </p>
      <KindCounts counts={counts} />
      <p className="pj-insp-note">{t('hint.multi')}</p>
    </Section>
  );
}
