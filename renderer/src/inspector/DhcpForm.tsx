import { useTranslation } from 'react-i18next';
import type { DhcpServerConfig } from '../../../shared/model/schema';
import { setOptional } from './draft-edits';
import { CheckField, Row, SelectField, TextField } from './fields';
import { optional, parseIpv4, parseLeaseSeconds } from './validation';

/** The DHCP server settings, shared by a router's LAN service and a server's DHCP role. */
export function DhcpForm({
  config,
  interfaces,
  update,
}: {
  config: DhcpServerConfig;
  interfaces: string[];
  update(field: string, recipe: (config: DhcpServerConfig) => void): void;
}) {
  const { t } = useTranslation('inspector');
  const names = interfaces.includes(config.interface) ? interfaces : [config.interface, ...interfaces];
  return (
    <>
      <Row label={t('field.dhcpInterface')}>
        <SelectField
          label={t('aria.dhcpInterface')}
          field="interface"
          value={config.interface}
          options={names.map((n) => ({ value: n, label: n }))}
          onChange={(v) => update(t('aria.dhcpInterface'), (c) => void (c.interface = v))}
        />
      </Row>
      <Row label={t('field.poolStart')}>
        <TextField
          label={t('aria.poolStart')}
          field="poolStart"
          value={config.poolStart}
          parse={parseIpv4}
          onCommit={(v) => update(t('aria.poolStart'), (c) => void (c.poolStart = v))}
          monospace
        />
      </Row>
      <Row label={t('field.poolEnd')}>
        <TextField
          label={t('aria.poolEnd')}
          field="poolEnd"
          value={config.poolEnd}
          parse={parseIpv4}
          onCommit={(v) => update(t('aria.poolEnd'), (c) => void (c.poolEnd = v))}
          monospace
        />
      </Row>
      <Row label={t('field.dhcpGateway')}>
        <TextField
          label={t('aria.dhcpGateway')}
          field="gateway"
          value={config.gateway}
          parse={optional(parseIpv4)}
          onCommit={(v) => update(t('aria.dhcpGateway'), (c) => setOptional(c, 'gateway', v))}
          placeholder={t('placeholder.none')}
          monospace
        />
      </Row>
      <Row label={t('field.dhcpDns')}>
        <TextField
          label={t('aria.dhcpDns')}
          field="dnsServer"
          value={config.dnsServer}
          parse={optional(parseIpv4)}
          onCommit={(v) => update(t('aria.dhcpDns'), (c) => setOptional(c, 'dnsServer', v))}
          placeholder={t('placeholder.none')}
          monospace
        />
      </Row>
      <Row label={t('field.lease')} hint={t('hint.lease')}>
        <TextField
          label={t('aria.lease')}
          field="leaseSeconds"
          value={config.leaseSeconds}
          parse={parseLeaseSeconds}
          onCommit={(v) => update(t('aria.lease'), (c) => void (c.leaseSeconds = v))}
          size="small"
        />
      </Row>
      <Row label={t('field.pingCheck')} hint={t('hint.pingCheck')}>
        <CheckField
          label={t('field.pingCheck')}
          text={t('field.pingCheckText')}
          checked={config.pingCheck !== false}
          onChange={(v) => update(t('field.pingCheck'), (c) => void (c.pingCheck = v))}
        />
      </Row>
    </>
  );
}
