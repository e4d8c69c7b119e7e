import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FirewallDevice, RouterDevice } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { newRoute } from './defaults';
import { AddButton, IconButton, TextField } from './fields';
import { Cell, Table, TableRow } from './Table';
import { parseCidr, parseIpv4 } from './validation';

const DEFAULT_ROUTE = '0.0.0.0/0';

export function RoutesSection({ device }: { device: RouterDevice | FirewallDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  return (
    <Section id="routes" title={t('section.routes')} badge={device.routes.length}>
      <Table
        label={t('section.routes')}
        columns={[t('column.destination'), t('column.nextHop')]}
        template="minmax(0,1.2fr) minmax(0,1fr) auto"
        empty={t('empty.routes')}
      >
        {device.routes.map((route, i) => {
          const row = t('aria.route', { n: i + 1 });
          return (
            <TableRow key={i} path={['routes', i]}>
              <Cell>
                <TextField
                  label={`${row} ${t('aria.destination')}`}
                  field="destination"
                  value={route.destination}
                  parse={parseCidr}
                  onCommit={(v) =>
                    edit(undo(`${row} ${t('aria.destination')}`), (d) => void (d.routes[i].destination = v))
                  }
                  monospace
                />
                {route.destination === DEFAULT_ROUTE && <span className="pj-insp-tag">{t('route.default')}</span>}
              </Cell>
              <Cell>
                <TextField
                  label={`${row} ${t('aria.nextHop')}`}
                  field="nextHop"
                  value={route.nextHop}
                  parse={parseIpv4}
                  onCommit={(v) => edit(undo(`${row} ${t('aria.nextHop')}`), (d) => void (d.routes[i].nextHop = v))}
                  monospace
                />
              </Cell>
              <Cell className="pj-insp-actions">
                <IconButton
                  label={t('action.removeRow', { row })}
                  icon={Trash2}
                  tone="danger"
                  onClick={() =>
                    edit(t('undo.remove', { device: device.name, what: row }), (d) => void d.routes.splice(i, 1))
                  }
                />
              </Cell>
            </TableRow>
          );
        })}
      </Table>
      <AddButton
        icon={Plus}
        label={t('action.addRoute')}
        onClick={() =>
          edit(
            t('undo.add', { device: device.name, what: t('aria.route', { n: device.routes.length + 1 }) }),
            (d) => void d.routes.push(newRoute(d)),
          )
        }
      />
    </Section>
  );
}
