import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FirewallDevice, FirewallRule } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { newRule } from './defaults';
import { moveItem, setOptional } from './draft-edits';
import { AddButton, CheckField, IconButton, Row, SelectField, TextField } from './fields';
import { Card } from './Table';
import { maxLength, optional, parsePort, parseRuleAddress, parseRuleId, unique } from './validation';

const ACTIONS: readonly FirewallRule['action'][] = ['allow', 'deny'];
const DIRECTIONS: readonly FirewallRule['direction'][] = ['in', 'out', 'any'];
const PROTOCOLS: readonly FirewallRule['protocol'][] = ['any', 'tcp', 'udp', 'icmp'];

export function FirewallSettingsSection({ device }: { device: FirewallDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const names = device.interfaces.map((i) => i.name);
  const outsideNames = names.includes(device.outside) ? names : [device.outside, ...names];
  const actionOptions = ACTIONS.map((a) => ({ value: a, label: t(`ruleAction.${a}`) }));
  return (
    <Section id="firewall" title={t('section.firewall')}>
      <div data-pj-path="outside">
        <Row label={t('field.outside')} hint={t('hint.outside')}>
          <SelectField
            label={t('field.outside')}
            value={device.outside}
            options={outsideNames.map((n) => ({ value: n, label: n }))}
            onChange={(v) => edit(undo(t('field.outside')), (d) => void (d.outside = v))}
          />
        </Row>
      </div>
      <div data-pj-path="stateful">
        <Row label={t('field.stateful')} hint={t('hint.stateful')}>
          <CheckField
            label={t('field.stateful')}
            text={t('field.statefulText')}
            checked={device.stateful}
            onChange={(v) => edit(undo(t('field.stateful')), (d) => void (d.stateful = v))}
          />
        </Row>
      </div>
      <div data-pj-path="defaultAction">
        <Row label={t('field.defaultAction')} hint={t('hint.defaultAction')}>
          <SelectField
            label={t('field.defaultAction')}
            value={device.defaultAction}
            options={actionOptions}
            onChange={(v) => edit(undo(t('field.defaultAction')), (d) => void (d.defaultAction = v))}
          />
        </Row>
      </div>
    </Section>
  );
}

export function RulesSection({ device }: { device: FirewallDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  const undo = (field: string) => t('undo.set', { device: device.name, field });
  const count = device.rules.length;
  const actionOptions = ACTIONS.map((a) => ({ value: a, label: t(`ruleAction.${a}`) }));
  const directionOptions = DIRECTIONS.map((a) => ({ value: a, label: t(`direction.${a}`) }));
  const protocolOptions = PROTOCOLS.map((a) => ({ value: a, label: t(`protocol.${a}`) }));

  return (
    <Section id="rules" title={t('section.rules')} badge={count}>
      <p className="pj-insp-note">{t('hint.rulesOrder')}</p>
      {count === 0 && <div className="pj-insp-empty">{t('empty.rules')}</div>}
      <ol className="pj-insp-rules">
        {device.rules.map((rule, i) => {
          const aria = (field: string) => t('aria.rule', { id: rule.id, field: t(`aria.${field}`) });
          const set = (field: string, recipe: (r: FirewallRule) => void) =>
            edit(undo(aria(field)), (d) => recipe(d.rules[i]));
          const portApplies = rule.protocol === 'tcp' || rule.protocol === 'udp';
          return (
            <li key={i}>
              <Card path={['rules', i]} className={`pj-insp-rule pj-insp-rule-${rule.action}`}>
                <div className="pj-insp-card-head">
                  <span className="pj-insp-ordinal" aria-hidden="true">
                    {i + 1}
                  </span>
                  <TextField
                    label={aria('id')}
                    field="id"
                    value={rule.id}
                    parse={unique(parseRuleId, (id) => device.rules.some((o, j) => j !== i && o.id === id))}
                    onCommit={(v) => set('id', (r) => void (r.id = v))}
                    className="pj-insp-grow"
                    monospace
                  />
                  <IconButton
                    label={t('action.moveRuleUp', { id: rule.id })}
                    icon={ArrowUp}
                    disabled={i === 0}
                    onClick={() =>
                      edit(t('undo.moveRule', { device: device.name, id: rule.id }), (d) => moveItem(d.rules, i, i - 1))
                    }
                  />
                  <IconButton
                    label={t('action.moveRuleDown', { id: rule.id })}
                    icon={ArrowDown}
                    disabled={i === count - 1}
                    onClick={() =>
                      edit(t('undo.moveRule', { device: device.name, id: rule.id }), (d) => moveItem(d.rules, i, i + 1))
                    }
                  />
                  <IconButton
                    label={t('action.removeRule', { id: rule.id })}
                    icon={Trash2}
                    tone="danger"
                    onClick={() =>
                      edit(
                        t('undo.remove', { device: device.name, what: t('aria.ruleName', { id: rule.id }) }),
                        (d) => void d.rules.splice(i, 1),
                      )
                    }
                  />
                </div>
                <div className="pj-insp-triple">
                  <SelectField
                    label={aria('action')}
                    field="action"
                    value={rule.action}
                    options={actionOptions}
                    onChange={(v) => set('action', (r) => void (r.action = v))}
                    className={`pj-insp-action-${rule.action}`}
                  />
                  <SelectField
                    label={aria('direction')}
                    field="direction"
                    value={rule.direction}
                    options={directionOptions}
                    onChange={(v) => set('direction', (r) => void (r.direction = v))}
                  />
                  <SelectField
                    label={aria('protocol')}
                    field="protocol"
                    value={rule.protocol}
                    options={protocolOptions}
                    onChange={(v) =>
                      set('protocol', (r) => {
                        r.protocol = v;
                        // A port only means something for TCP and UDP.
                        if (v !== 'tcp' && v !== 'udp') delete r.port;
                      })
                    }
                  />
                </div>
                <div className="pj-insp-card-grid">
                  <span className="pj-insp-label">{t('field.source')}</span>
                  <TextField
                    label={aria('source')}
                    field="source"
                    value={rule.source}
                    parse={parseRuleAddress}
                    onCommit={(v) => set('source', (r) => void (r.source = v))}
                    monospace
                  />
                  <span className="pj-insp-label">{t('field.destination')}</span>
                  <TextField
                    label={aria('destination')}
                    field="destination"
                    value={rule.destination}
                    parse={parseRuleAddress}
                    onCommit={(v) => set('destination', (r) => void (r.destination = v))}
                    monospace
                  />
                  <span className="pj-insp-label">{t('field.port')}</span>
                  <TextField
                    label={aria('port')}
                    field="port"
                    value={rule.port}
                    parse={optional(parsePort)}
                    onCommit={(v) => set('port', (r) => setOptional(r, 'port', v))}
                    placeholder={portApplies ? t('placeholder.anyPort') : t('placeholder.noPort')}
                    disabled={!portApplies}
                    size="small"
                  />
                  <span className="pj-insp-label">{t('field.comment')}</span>
                  <TextField
                    label={aria('comment')}
                    field="comment"
                    value={rule.comment}
                    parse={(text) => {
                      const r = maxLength(200)(text);
                      return r.ok ? { ok: true, value: r.value.trim() === '' ? undefined : r.value } : r;
                    }}
                    onCommit={(v) => set('comment', (r) => setOptional(r, 'comment', v))}
                  />
                </div>
              </Card>
            </li>
          );
        })}
      </ol>
      <AddButton
        icon={Plus}
        label={t('action.addRule')}
        onClick={() =>
          edit(
            t('undo.add', { device: device.name, what: t('aria.ruleName', { id: newRule(device.rules).id }) }),
            (d) => void d.rules.push(newRule(d.rules)),
          )
        }
      />
    </Section>
  );
}
