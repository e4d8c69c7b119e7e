import { CornerDownRight, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DnsRecord, DnsZone, ServerDevice } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { defaultDnsRole, defaultRecordValue, newRecord, newRootHint, newZone } from './defaults';
import { NameAddressTable } from './EndSystemSections';
import { AddButton, CheckField, IconButton, Row, SelectField, TextField } from './fields';
import { RoleToggle } from './ServerRoleSections';
import { Card, Cell, Table, TableRow } from './Table';
import { parseDnsName, parseRecordValue, parseTtl, unique } from './validation';

const TYPES: readonly DnsRecord['type'][] = ['A', 'NS', 'SOA', 'CNAME'];

export function DnsRoleSection({ device }: { device: ServerDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const dns = device.roles.dns;
  const setZone = (i: number, field: string, recipe: (z: DnsZone) => void) =>
    edit(undo(field), (d) => d.roles.dns && recipe(d.roles.dns.zones[i]));
  return (
    <Section id="dns" title={t('role.dns')} extra={<RoleToggle device={device} role="dns" make={defaultDnsRole} />}>
      {!dns ? null : (
        <div data-pj-path="roles.dns">
          <Row label={t('field.recursive')} hint={t('hint.recursive')}>
            <CheckField
              label={t('field.recursive')}
              text={t('field.recursiveText')}
              checked={dns.recursive}
              onChange={(v) => edit(undo(t('field.recursive')), (d) => d.roles.dns && void (d.roles.dns.recursive = v))}
            />
          </Row>
          {dns.recursive && (
            <>
              <Row label={t('field.qnameMinimisation')} hint={t('hint.qnameMinimisation')}>
                <CheckField
                  label={t('field.qnameMinimisation')}
                  text={t('field.qnameMinimisationText')}
                  checked={dns.qnameMinimisation !== false}
                  onChange={(v) =>
                    edit(
                      undo(t('field.qnameMinimisation')),
                      (d) => d.roles.dns && void (d.roles.dns.qnameMinimisation = v),
                    )
                  }
                />
              </Row>
              <Row label={t('field.primeRoot')} hint={t('hint.primeRoot')}>
                <CheckField
                  label={t('field.primeRoot')}
                  text={t('field.primeRootText')}
                  checked={dns.primeRoot !== false}
                  onChange={(v) =>
                    edit(undo(t('field.primeRoot')), (d) => d.roles.dns && void (d.roles.dns.primeRoot = v))
                  }
                />
              </Row>
            </>
          )}
          {dns.zones.length > 0 && (
            <Row label={t('field.minimalResponses')} hint={t('hint.minimalResponses')}>
              <CheckField
                label={t('field.minimalResponses')}
                text={t('field.minimalResponsesText')}
                checked={dns.minimalResponses === true}
                onChange={(v) =>
                  edit(undo(t('field.minimalResponses')), (d) => d.roles.dns && void (d.roles.dns.minimalResponses = v))
                }
              />
            </Row>
          )}
          <h4 className="pj-insp-subhead">{t('section.rootHints')}</h4>
          <NameAddressTable
            label={t('section.rootHints')}
            entries={dns.rootHints}
            path={['roles', 'dns', 'rootHints']}
            rowLabel={(n) => t('aria.rootHint', { n })}
            update={(label, recipe) => edit(undo(label), (d) => d.roles.dns && recipe(d.roles.dns.rootHints))}
            add={() =>
              edit(t('action.addRootHint'), (d) => void d.roles.dns?.rootHints.push(newRootHint(d.roles.dns.rootHints)))
            }
            addLabel={t('action.addRootHint')}
            empty={t('empty.rootHints')}
          />
          <h4 className="pj-insp-subhead">{t('section.zones')}</h4>
          {dns.zones.length === 0 && <div className="pj-insp-empty">{t('empty.zones')}</div>}
          {dns.zones.map((zone, i) => (
            <ZoneEditor
              key={i}
              zone={zone}
              index={i}
              originTaken={(o) => dns.zones.some((z, j) => j !== i && z.origin === o)}
              update={(field, recipe) => setZone(i, field, recipe)}
              remove={() =>
                edit(t('action.removeZone', { origin: zone.origin }), (d) => void d.roles.dns?.zones.splice(i, 1))
              }
            />
          ))}
          <AddButton
            icon={Plus}
            label={t('action.addZone')}
            onClick={() => edit(t('action.addZone'), (d) => void d.roles.dns?.zones.push(newZone(d.roles.dns.zones)))}
          />
        </div>
      )}
    </Section>
  );
}

function ZoneEditor({
  zone,
  index,
  originTaken,
  update,
  remove,
}: {
  zone: DnsZone;
  index: number;
  originTaken(origin: string): boolean;
  update(field: string, recipe: (z: DnsZone) => void): void;
  remove(): void;
}) {
  const { t } = useTranslation('inspector');
  const typeOptions = TYPES.map((v) => ({ value: v, label: v }));
  return (
    <Card path={['roles', 'dns', 'zones', index]} className="pj-insp-zone">
      <div className="pj-insp-card-head">
        <span className="pj-insp-label">{t('field.origin')}</span>
        <TextField
          label={t('aria.zoneOrigin', { origin: zone.origin })}
          field="origin"
          value={zone.origin}
          parse={unique(parseDnsName, originTaken)}
          onCommit={(v) => update(t('aria.zoneOrigin', { origin: zone.origin }), (z) => void (z.origin = v))}
          className="pj-insp-grow"
          monospace
        />
        <IconButton
          label={t('action.removeZone', { origin: zone.origin })}
          icon={Trash2}
          tone="danger"
          onClick={remove}
        />
      </div>
      <Table
        label={t('aria.zoneRecords', { origin: zone.origin })}
        columns={[t('column.name'), t('column.type'), t('column.ttl')]}
        template="minmax(0,1fr) 5em 5.6em auto"
        empty={t('empty.records')}
      >
        {zone.records.map((record, r) => {
          const aria = (field: string) =>
            t('aria.record', { origin: zone.origin, n: r + 1, field: t(`aria.${field}`) });
          return (
            <TableRow key={r} path={['roles', 'dns', 'zones', index, 'records', r]} className="pj-insp-record">
              <Cell>
                <TextField
                  label={aria('name')}
                  field="name"
                  value={record.name}
                  parse={parseDnsName}
                  onCommit={(v) => update(aria('name'), (z) => void (z.records[r].name = v))}
                  monospace
                />
              </Cell>
              <Cell>
                <SelectField
                  label={aria('type')}
                  field="type"
                  value={record.type}
                  options={typeOptions}
                  onChange={(type) =>
                    update(aria('type'), (z) => {
                      const rec = z.records[r];
                      rec.type = type;
                      // Keep the value when it still fits the new type, otherwise start from a valid example.
                      if (!parseRecordValue(type)(rec.value).ok) rec.value = defaultRecordValue(type, z.origin);
                    })
                  }
                />
              </Cell>
              <Cell>
                <TextField
                  label={aria('ttl')}
                  field="ttl"
                  value={record.ttl}
                  parse={parseTtl}
                  onCommit={(v) => update(aria('ttl'), (z) => void (z.records[r].ttl = v))}
                  size="small"
                />
              </Cell>
              <Cell className="pj-insp-actions">
                <IconButton
                  label={t('action.removeRecord', { origin: zone.origin, n: r + 1 })}
                  icon={Trash2}
                  tone="danger"
                  onClick={() =>
                    update(
                      t('action.removeRecord', { origin: zone.origin, n: r + 1 }),
                      (z) => void z.records.splice(r, 1),
                    )
                  }
                />
              </Cell>
              <Cell className="pj-insp-span pj-insp-record-value">
                <CornerDownRight size={12} aria-hidden="true" className="pj-insp-muted-icon" />
                <TextField
                  label={aria('value')}
                  field="value"
                  value={record.value}
                  parse={parseRecordValue(record.type)}
                  onCommit={(v) => update(aria('value'), (z) => void (z.records[r].value = v))}
                  placeholder={t(`placeholder.record${record.type}`)}
                  multiline={record.type === 'SOA' ? 'wrap' : undefined}
                  rows={3}
                  className="pj-insp-grow"
                  monospace
                />
              </Cell>
            </TableRow>
          );
        })}
      </Table>
      <AddButton
        icon={Plus}
        label={t('action.addRecord')}
        onClick={() => update(t('action.addRecord'), (z) => void z.records.push(newRecord(z)))}
      />
    </Card>
  );
}
