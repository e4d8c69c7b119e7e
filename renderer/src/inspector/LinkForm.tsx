import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Link, LinkEnd } from '../../../shared/model/schema';
import { Section, useInspector } from './context';
import { findDevice, freeInterfaceNames, usedInterfaces } from './draft-edits';
import { Row, SelectField } from './fields';

/** A link: which interface each end plugs into. Only free interfaces are offered (plus the one in use). */
export function LinkForm({ link }: { link: Link }) {
  const { t } = useTranslation('inspector');
  const { topology } = useInspector();
  const used = useMemo(() => usedInterfaces(topology), [topology.links]);
  // Devices with somewhere to plug in; computed once per topology change, not per end.
  const devicesWithFree = useMemo(
    () => topology.devices.filter((d) => freeInterfaceNames(d, used).length > 0),
    [topology.devices, used],
  );
  const nameOf = (id: string) => findDevice(topology, id)?.name ?? id;
  return (
    <Section id="general" title={t('section.link')}>
      <p className="pj-insp-summary pj-insp-mono">
        {nameOf(link.a.device)} {link.a.interface} ⟷ {nameOf(link.b.device)} {link.b.interface}
      </p>
      <Row label={t('field.id')}>
        <span className="pj-insp-static pj-insp-mono">{link.id}</span>
      </Row>
      <LinkEndEditor link={link} side="a" used={used} devicesWithFree={devicesWithFree} />
      <LinkEndEditor link={link} side="b" used={used} devicesWithFree={devicesWithFree} />
    </Section>
  );
}

function LinkEndEditor({
  link,
  side,
  used,
  devicesWithFree,
}: {
  link: Link;
  side: 'a' | 'b';
  used: Set<string>;
  devicesWithFree: { id: string; name: string }[];
}) {
  const { t } = useTranslation('inspector');
  const { topology, onEdit } = useInspector();
  const end: LinkEnd = link[side];
  const device = findDevice(topology, end.device);
  const endName = t(`link.end${side.toUpperCase()}`);
  const deviceOptions = useMemo(() => {
    const list =
      devicesWithFree.some((d) => d.id === end.device) || !device ? devicesWithFree : [device, ...devicesWithFree];
    const options = list.map((d) => ({ value: d.id, label: d.name }));
    if (!device) options.unshift({ value: end.device, label: t('link.missingDevice', { id: end.device }) });
    return options;
  }, [devicesWithFree, device, end.device, t]);
  const interfaceNames = device ? freeInterfaceNames(device, used, end.interface) : [];
  if (!interfaceNames.includes(end.interface)) interfaceNames.unshift(end.interface);

  const setEnd = (label: string, next: LinkEnd) =>
    onEdit(label, (draft) => {
      const target = draft.links.find((l) => l.id === link.id);
      if (target) target[side] = next;
    });

  return (
    <div className="pj-insp-link-end" data-pj-path={side}>
      <h4 className="pj-insp-subhead">{endName}</h4>
      <Row label={t('field.device')}>
        <SelectField
          label={t('aria.linkDevice', { end: endName })}
          value={end.device}
          options={deviceOptions}
          onChange={(id) => {
            const next = findDevice(topology, id);
            const free = next ? freeInterfaceNames(next, used) : [];
            if (next && free.length > 0) setEnd(t('undo.linkEnd', { id: link.id }), { device: id, interface: free[0] });
          }}
        />
      </Row>
      <Row label={t('field.interface')}>
        <SelectField
          label={t('aria.linkInterface', { end: endName })}
          value={end.interface}
          options={interfaceNames.map((n) => ({ value: n, label: n }))}
          onChange={(name) => setEnd(t('undo.linkEnd', { id: link.id }), { device: end.device, interface: name })}
        />
      </Row>
    </div>
  );
}
