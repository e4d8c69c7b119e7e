import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { BrowserSettings, HostDevice, HostsEntry, ServerDevice } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { newHostsEntry } from './defaults';
import { setOptional } from './draft-edits';
import { AddButton, CheckField, IconButton, Row, TextField } from './fields';
import { Cell, Table, TableRow } from './Table';
import { integer, optional, parseDnsName, parseIpv4 } from './validation';

type EndSystem = HostDevice | ServerDevice;

/** Default gateway and DNS server: how a host or server reaches other networks and names. */
export function AddressingSection({ device }: { device: EndSystem }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  return (
    <Section id="addressing" title={t('section.addressing')}>
      <div data-pj-path="gateway">
        <Row label={t('field.gateway')}>
          <TextField
            label={t('field.gateway')}
            value={device.gateway}
            parse={optional(parseIpv4)}
            onCommit={(v) => edit(undo(t('field.gateway')), (d) => setOptional(d, 'gateway', v))}
            placeholder={t('placeholder.none')}
            monospace
          />
        </Row>
      </div>
      <div data-pj-path="dnsServer">
        <Row label={t('field.dnsServer')}>
          <TextField
            label={t('field.dnsServer')}
            value={device.dnsServer}
            parse={optional(parseIpv4)}
            onCommit={(v) => edit(undo(t('field.dnsServer')), (d) => setOptional(d, 'dnsServer', v))}
            placeholder={t('placeholder.none')}
            monospace
          />
        </Row>
      </div>
      <div data-pj-path="askAaaa">
        <Row label={t('field.askAaaa')} hint={t('hint.askAaaa')}>
          <CheckField
            label={t('field.askAaaa')}
            text={t('field.askAaaaText')}
            checked={device.askAaaa !== false}
            onChange={(v) => edit(undo(t('field.askAaaa')), (d) => void (d.askAaaa = v))}
          />
        </Row>
      </div>
    </Section>
  );
}

/** A name → address table (a hosts file, or a resolver's root hints). */
export function NameAddressTable({
  label,
  entries,
  path,
  rowLabel,
  update,
  add,
  addLabel,
  empty,
}: {
  label: string;
  entries: HostsEntry[];
  /** Config path of the list, e.g. ['hosts'] or ['roles', 'dns', 'rootHints']. */
  path: (string | number)[];
  /** Accessible name prefix of row n (1-based), e.g. "hosts entry 1". */
  rowLabel(n: number): string;
  update(label: string, recipe: (list: HostsEntry[]) => void): void;
  add(): void;
  addLabel: string;
  empty: string;
}) {
  const { t } = useTranslation('inspector');
  return (
    <>
      <Table
        label={label}
        columns={[t('column.name'), t('column.address')]}
        template="minmax(0,1.4fr) minmax(0,1fr) auto"
        empty={empty}
      >
        {entries.map((entry, i) => {
          const row = rowLabel(i + 1);
          return (
            <TableRow key={i} path={[...path, i]}>
              <Cell>
                <TextField
                  label={`${row} ${t('aria.name')}`}
                  field="name"
                  value={entry.name}
                  parse={parseDnsName}
                  onCommit={(name) => update(`${row} ${t('aria.name')}`, (list) => void (list[i].name = name))}
                  monospace
                />
              </Cell>
              <Cell>
                <TextField
                  label={`${row} ${t('aria.address')}`}
                  field="address"
                  value={entry.address}
                  parse={parseIpv4}
                  onCommit={(address) =>
                    update(`${row} ${t('aria.address')}`, (list) => void (list[i].address = address))
                  }
                  monospace
                />
              </Cell>
              <Cell className="pj-insp-actions">
                <IconButton
                  label={t('action.removeRow', { row })}
                  icon={Trash2}
                  tone="danger"
                  onClick={() => update(t('action.removeRow', { row }), (list) => void list.splice(i, 1))}
                />
              </Cell>
            </TableRow>
          );
        })}
      </Table>
      <AddButton icon={Plus} label={addLabel} onClick={add} />
    </>
  );
}

export function HostsSection({ device }: { device: EndSystem }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  return (
    <Section id="hosts" title={t('section.hosts')} badge={device.hosts.length}>
      <NameAddressTable
        label={t('section.hosts')}
        entries={device.hosts}
        path={['hosts']}
        rowLabel={(n) => t('aria.hostsEntry', { n })}
        update={(label, recipe) => edit(undo(label), (d) => recipe(d.hosts))}
        add={() =>
          edit(
            t('undo.add', { device: device.name, what: t('aria.hostsEntry', { n: device.hosts.length + 1 }) }),
            (d) => void d.hosts.push(newHostsEntry(d.hosts)),
          )
        }
        addLabel={t('action.addHostsEntry')}
        empty={t('empty.hosts')}
      />
    </Section>
  );
}

/** How the device's TCP behaves: as Linux 6.x (the default) or the textbook variant, one box each. */
export function TcpSection({ device }: { device: EndSystem }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const tcp = device.tcp ?? { linuxOptions: true, quickAck: true };
  const set = (key: 'linuxOptions' | 'quickAck', value: boolean) =>
    edit(t('undo.set', { device: device.name, field: t(`field.tcp.${key}`) }), (d) => {
      const next = { ...tcp, [key]: value };
      // All real defaults: no "tcp" key in the file, so the file reads as Linux does.
      if (next.linuxOptions && next.quickAck) delete d.tcp;
      else d.tcp = next;
    });
  return (
    <Section id="tcp" title={t('section.tcp')}>
      <div data-pj-path="tcp">
        {(['linuxOptions', 'quickAck'] as const).map((key) => (
          <div key={key} data-pj-path={`tcp.${key}`}>
            <Row label={t(`field.tcp.${key}`)} hint={t(`hint.tcp.${key}`)}>
              <CheckField label={t(`field.tcp.${key}`)} checked={tcp[key]} onChange={(v) => set(key, v)} />
            </Row>
          </div>
        ))}
      </div>
    </Section>
  );
}

/** Chromium's behaviour, which an absent `browser` key means (the engine's defaults, shared/engine/apps/browser.ts). */
const CHROMIUM: Required<BrowserSettings> = {
  keepAlive: true,
  maxConnectionsPerHost: 6,
  connectTimeoutSeconds: 240,
  hostCacheSeconds: 60,
};

/** How the device's browser fetches: as Chromium (the default) or the textbook variant. */
export function BrowserSection({ device }: { device: EndSystem }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  // A file may leave out the settings added later (absent: Chromium's).
  const browser = { ...CHROMIUM, ...device.browser };
  const set = <K extends keyof BrowserSettings>(key: K, value: BrowserSettings[K]) =>
    edit(t('undo.set', { device: device.name, field: t(`field.browser.${key}`) }), (d) => {
      const next = { ...browser, [key]: value };
      // All Chromium's defaults: no "browser" key in the file.
      if ((Object.keys(CHROMIUM) as (keyof BrowserSettings)[]).every((k) => next[k] === CHROMIUM[k])) delete d.browser;
      else d.browser = next;
    });
  return (
    <Section id="browser" title={t('section.browser')}>
      <div data-pj-path="browser">
        <div data-pj-path="browser.keepAlive">
          <Row label={t('field.browser.keepAlive')} hint={t('hint.browser.keepAlive')}>
            <CheckField
              label={t('field.browser.keepAlive')}
              text={t('field.browser.keepAliveText')}
              checked={browser.keepAlive}
              onChange={(v) => set('keepAlive', v)}
            />
          </Row>
        </div>
        <div data-pj-path="browser.maxConnectionsPerHost">
          <Row label={t('field.browser.maxConnectionsPerHost')} hint={t('hint.browser.maxConnectionsPerHost')}>
            <TextField
              label={t('field.browser.maxConnectionsPerHost')}
              field="maxConnectionsPerHost"
              value={browser.maxConnectionsPerHost}
              parse={integer(1, 32)}
              onCommit={(v) => set('maxConnectionsPerHost', v)}
              size="small"
            />
          </Row>
        </div>
        <div data-pj-path="browser.connectTimeoutSeconds">
          <Row label={t('field.browser.connectTimeoutSeconds')} hint={t('hint.browser.connectTimeoutSeconds')}>
            <TextField
              label={t('field.browser.connectTimeoutSeconds')}
              field="connectTimeoutSeconds"
              value={browser.connectTimeoutSeconds}
              parse={integer(1, 300)}
              onCommit={(v) => set('connectTimeoutSeconds', v)}
              size="small"
            />
          </Row>
        </div>
        <div data-pj-path="browser.hostCacheSeconds">
          <Row label={t('field.browser.hostCacheSeconds')} hint={t('hint.browser.hostCacheSeconds')}>
            <TextField
              label={t('field.browser.hostCacheSeconds')}
              field="hostCacheSeconds"
              value={browser.hostCacheSeconds}
              parse={integer(0, 3600)}
              onCommit={(v) => set('hostCacheSeconds', v)}
              size="small"
            />
          </Row>
        </div>
      </div>
    </Section>
  );
}
