import { useTranslation } from 'react-i18next';
import type { RouterDevice } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { defaultDhcp } from './defaults';
import { DhcpForm } from './DhcpForm';
import { CheckField, Row, SelectField } from './fields';

export function NatSection({ device }: { device: RouterDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const names = device.interfaces.map((i) => i.name);
  const nat = device.nat;
  const outsideNames = nat && !names.includes(nat.outside) ? [nat.outside, ...names] : names;
  return (
    <Section
      id="nat"
      title={t('section.nat')}
      extra={
        <CheckField
          label={t('aria.natEnabled')}
          text={t('field.enabled')}
          checked={nat !== undefined}
          disabled={!nat && names.length === 0}
          onChange={(on) =>
            edit(undo(t('aria.natEnabled')), (d) => {
              if (!on) delete d.nat;
              // The last interface is usually the WAN; every other one is inside.
              else d.nat = { outside: names[names.length - 1], inside: names.slice(0, -1) };
            })
          }
        />
      }
    >
      {nat ? (
        <div data-pj-path="nat">
          <Row label={t('field.natOutside')} hint={t('hint.natOutside')}>
            <SelectField
              label={t('aria.natOutside')}
              field="outside"
              value={nat.outside}
              options={outsideNames.map((n) => ({ value: n, label: n }))}
              onChange={(v) =>
                edit(undo(t('aria.natOutside')), (d) => {
                  if (!d.nat) return;
                  d.nat.outside = v;
                  d.nat.inside = d.nat.inside.filter((n) => n !== v);
                })
              }
            />
          </Row>
          <Row label={t('field.natInside')}>
            <div className="pj-insp-checks" role="group" aria-label={t('field.natInside')}>
              {names
                .filter((n) => n !== nat.outside)
                .map((n) => (
                  <CheckField
                    key={n}
                    label={t('aria.natInside', { name: n })}
                    text={n}
                    checked={nat.inside.includes(n)}
                    onChange={(on) =>
                      edit(undo(t('aria.natInside', { name: n })), (d) => {
                        if (!d.nat) return;
                        const rest = d.nat.inside.filter((x) => x !== n);
                        // Keep the device's interface order so the file does not depend on click order.
                        d.nat.inside = on ? names.filter((x) => x === n || rest.includes(x)) : rest;
                      })
                    }
                  />
                ))}
            </div>
          </Row>
        </div>
      ) : (
        <div className="pj-insp-empty">{t('empty.nat')}</div>
      )}
    </Section>
  );
}

export function RouterDhcpSection({ device }: { device: RouterDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  return (
    <Section
      id="dhcp"
      title={t('section.dhcp')}
      extra={
        <CheckField
          label={t('aria.dhcpEnabled')}
          text={t('field.enabled')}
          checked={device.dhcp !== undefined}
          onChange={(on) =>
            edit(undo(t('aria.dhcpEnabled')), (d) => {
              if (on) d.dhcp = defaultDhcp(d);
              else delete d.dhcp;
            })
          }
        />
      }
    >
      {device.dhcp ? (
        <div data-pj-path="dhcp">
          <DhcpForm
            config={device.dhcp}
            interfaces={device.interfaces.map((i) => i.name)}
            update={(field, recipe) => edit(undo(field), (d) => d.dhcp && recipe(d.dhcp))}
          />
        </div>
      ) : (
        <div className="pj-insp-empty">{t('empty.dhcp')}</div>
      )}
    </Section>
  );
}
