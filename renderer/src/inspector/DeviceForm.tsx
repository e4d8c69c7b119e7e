import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/model/schema';
import { Section, useDeviceEdit, useInspector } from './context';
import { AddressingSection, BrowserSection, HostsSection, TcpSection } from './EndSystemSections';
import { isDeviceNameTaken } from './draft-edits';
import { FirewallSettingsSection, RulesSection } from './FirewallSections';
import { Row, TextField } from './fields';
import { InterfacesSection } from './InterfacesSection';
import { KindIcon } from './KindIcon';
import { NeighbourSection } from './NeighbourSection';
import { NatSection, RouterDhcpSection } from './RouterSections';
import { RoutesSection } from './RoutesSection';
import { CacheRoleSection, ServerDhcpSection, WebRoleSection } from './ServerRoleSections';
import { DnsRoleSection } from './DnsRoleSection';
import { TlsSection, TrustSection } from './TlsSections';
import { unique, parseDeviceName } from './validation';

/** The form of one device: what is common, then what its kind has. */
export function DeviceForm({ device }: { device: Device }) {
  return (
    <>
      <GeneralSection device={device} />
      <InterfacesSection device={device} />
      {(device.kind === 'host' || device.kind === 'server') && (
        <>
          <AddressingSection device={device} />
          <HostsSection device={device} />
          <TcpSection device={device} />
          <BrowserSection device={device} />
          <TrustSection device={device} />
        </>
      )}
      {device.kind === 'router' && (
        <>
          <RoutesSection device={device} />
          <NatSection device={device} />
          <RouterDhcpSection device={device} />
        </>
      )}
      {device.kind === 'firewall' && (
        <>
          <FirewallSettingsSection device={device} />
          <RulesSection device={device} />
          <RoutesSection device={device} />
        </>
      )}
      {device.kind === 'server' && (
        <>
          <WebRoleSection device={device} />
          <DnsRoleSection device={device} />
          <ServerDhcpSection device={device} />
          <CacheRoleSection device={device} />
          <TlsSection device={device} />
        </>
      )}
      {device.kind !== 'switch' && <NeighbourSection device={device} />}
    </>
  );
}

function GeneralSection({ device }: { device: Device }) {
  const { t } = useTranslation('inspector');
  const { topology } = useInspector();
  const edit = useDeviceEdit(device);
  return (
    <Section id="general" title={t('section.general')}>
      <div data-pj-path="name">
        <Row label={t('field.name')}>
          <TextField
            label={t('field.name')}
            value={device.name}
            parse={unique(parseDeviceName, (name) => isDeviceNameTaken(topology, name, device.id), 'duplicateDevice')}
            onCommit={(name) => edit(t('undo.rename', { from: device.name, to: name }), (d) => void (d.name = name))}
          />
        </Row>
      </div>
      <Row label={t('field.kind')}>
        <span className="pj-insp-static">
          <KindIcon kind={device.kind} /> {t(`kind.${device.kind}`)}
        </span>
      </Row>
      <Row label={t('field.id')}>
        <span className="pj-insp-static pj-insp-mono pj-insp-muted">{device.id}</span>
      </Row>
    </Section>
  );
}
