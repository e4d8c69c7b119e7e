import { useMemo, useState } from 'react';
import { Cable, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Device, NetInterface } from '../../../shared/model/schema';
import { useDeviceEdit, useInspector, Section } from './context';
import { newInterface } from './defaults';
import { removeInterface, renameInterface } from '../../../shared/model/topology-edits';
import { applyTopology, findDevice, setOptional } from './draft-edits';
import { AddButton, IconButton, SelectField, TextField } from './fields';
import { Card } from './Table';
import { optional, parseCidr, parseInterfaceName, parseMac, unique } from './validation';

const MODES: readonly NetInterface['mode'][] = ['static', 'dhcp', 'none'];
const INTERFACES_SHOWN = 12;

export function InterfacesSection({ device }: { device: Device }) {
  const { t } = useTranslation('inspector');
  const { topology, focus } = useInspector();
  const edit = useDeviceEdit(device);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  // A 48-port switch would be a long form: show the first ports, all of them on request or when one is focused.
  const focusedIndex = focus?.deviceId === device.id && focus.path[0] === 'interfaces' ? Number(focus.path[1]) : -1;
  const limit = showAll || focusedIndex >= INTERFACES_SHOWN ? device.interfaces.length : INTERFACES_SHOWN;
  const hidden = device.interfaces.length - limit;

  // Where each interface is plugged in, to show it and to warn before a removal takes the cable with it.
  const peers = useMemo(() => {
    const map = new Map<string, string>();
    const nameOf = (id: string) => findDevice(topology, id)?.name ?? id;
    for (const l of topology.links) {
      if (l.a.device === device.id) map.set(l.a.interface, `${nameOf(l.b.device)} ${l.b.interface}`);
      if (l.b.device === device.id) map.set(l.b.interface, `${nameOf(l.a.device)} ${l.a.interface}`);
    }
    return map;
  }, [topology.links, topology.devices, device.id]);

  const modeOptions = MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }));
  const undo = (field: string) => t('undo.set', { device: device.name, field });

  const remove = (name: string) => {
    setConfirming(null);
    edit(t('undo.removeInterface', { device: device.name, name }), (_d, topology) => {
      applyTopology(topology, removeInterface(topology, device.id, name).topology);
    });
  };

  return (
    <Section id="interfaces" title={t('section.interfaces')} badge={device.interfaces.length}>
      {device.interfaces.length === 0 && <div className="pj-insp-empty">{t('empty.interfaces')}</div>}
      {device.interfaces.slice(0, limit).map((iface, index) => {
        const peer = peers.get(iface.name);
        const nameTaken = (name: string) => device.interfaces.some((o, j) => j !== index && o.name === name);
        return (
          <Card key={index} path={['interfaces', index]}>
            <div className="pj-insp-card-head">
              <TextField
                label={t('aria.ifaceName', { name: iface.name })}
                field="name"
                value={iface.name}
                parse={unique(parseInterfaceName, nameTaken)}
                onCommit={(to) =>
                  edit(t('undo.renameInterface', { device: device.name, from: iface.name, to }), (_d, topology) =>
                    applyTopology(topology, renameInterface(topology, device.id, iface.name, to)),
                  )
                }
                className="pj-insp-grow"
                monospace
              />
              <SelectField
                label={t('aria.ifaceMode', { name: iface.name })}
                field="mode"
                value={iface.mode}
                options={modeOptions}
                onChange={(mode) =>
                  edit(undo(t('aria.ifaceMode', { name: iface.name })), (d) => {
                    const target = d.interfaces[index];
                    target.mode = mode;
                    // Only a static interface has a configured address; DHCP learns one, "none" is layer 2 only.
                    if (mode !== 'static') delete target.address;
                  })
                }
              />
              <IconButton
                label={t('action.removeInterface', { name: iface.name })}
                icon={Trash2}
                tone="danger"
                onClick={() => (peer ? setConfirming(iface.name) : remove(iface.name))}
              />
            </div>
            {peer && (
              <div className="pj-insp-peer">
                <Cable size={12} aria-hidden="true" /> {t('iface.connectedTo', { peer })}
              </div>
            )}
            {confirming === iface.name && (
              <div className="pj-insp-confirm" role="alert">
                <span>{t('iface.removeWarning', { name: iface.name, peer })}</span>
                <div className="pj-insp-confirm-actions">
                  <button type="button" className="pj-insp-btn pj-insp-btn-danger" onClick={() => remove(iface.name)}>
                    {t('iface.removeBoth')}
                  </button>
                  <button type="button" className="pj-insp-btn" onClick={() => setConfirming(null)}>
                    {t('action.cancel')}
                  </button>
                </div>
              </div>
            )}
            <div className="pj-insp-card-grid">
              {iface.mode !== 'none' && (
                <>
                  <span className="pj-insp-label">{t('field.address')}</span>
                  <TextField
                    label={t('aria.ifaceAddress', { name: iface.name })}
                    field="address"
                    value={iface.address}
                    parse={optional(parseCidr)}
                    onCommit={(address) =>
                      edit(undo(t('aria.ifaceAddress', { name: iface.name })), (d) => {
                        const target = d.interfaces[index];
                        setOptional(target, 'address', address);
                        if (address !== undefined) target.mode = 'static';
                      })
                    }
                    placeholder={iface.mode === 'dhcp' ? t('placeholder.fromDhcp') : '192.168.0.10/24'}
                    disabled={iface.mode !== 'static'}
                    monospace
                  />
                </>
              )}
              <span className="pj-insp-label">{t('field.mac')}</span>
              <TextField
                label={t('aria.ifaceMac', { name: iface.name })}
                field="mac"
                value={iface.mac}
                parse={parseMac}
                onCommit={(mac) =>
                  edit(undo(t('aria.ifaceMac', { name: iface.name })), (d) => void (d.interfaces[index].mac = mac))
                }
                monospace
              />
            </div>
          </Card>
        );
      })}
      {hidden > 0 && (
        <button type="button" className="pj-insp-more" onClick={() => setShowAll(true)}>
          {t('action.showAllInterfaces', { count: device.interfaces.length, hidden })}
        </button>
      )}
      <AddButton
        icon={Plus}
        label={t('action.addInterface')}
        onClick={() =>
          edit(t('undo.addInterface', { device: device.name }), (d, topology) => {
            d.interfaces.push(newInterface(topology, d));
          })
        }
      />
    </Section>
  );
}
