import { useTranslation } from 'react-i18next';
import type { FirewallDevice, HostDevice, RouterDevice, ServerDevice } from '../../../shared/model/schema';
import { Section, useDeviceEdit } from './context';
import { CheckField, Row } from './fields';

/** How the device keeps its ARP cache: Linux's neighbour states (the default) or the textbook entry that never ages. */
export function NeighbourSection({ device }: { device: HostDevice | ServerDevice | RouterDevice | FirewallDevice }) {
  const { t } = useTranslation('inspector');
  const edit = useDeviceEdit(device);
  return (
    <Section id="neighbours" title={t('section.neighbours')}>
      <div data-pj-path="neighbourStates">
        <Row label={t('field.neighbourStates')} hint={t('hint.neighbourStates')}>
          <CheckField
            label={t('field.neighbourStates')}
            text={t('field.neighbourStatesText')}
            checked={device.neighbourStates !== false}
            // On is the real default: no key in the file, so the file reads as Linux does.
            onChange={(v) =>
              edit(t('undo.set', { device: device.name, field: t('field.neighbourStates') }), (d) => {
                if (v) delete (d as { neighbourStates?: boolean }).neighbourStates;
                else (d as { neighbourStates?: boolean }).neighbourStates = false;
              })
            }
          />
        </Row>
      </div>
    </Section>
  );
}
