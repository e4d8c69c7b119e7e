// The device palette: every preset from the model, dragged onto the canvas (HTML5 drag and drop) or added at the
// centre of the view with a click or Enter.
import { useTranslation } from 'react-i18next';
import { PRESETS } from '../../../shared/model/topology-edits';
import { KIND_ICONS } from '../canvas/icons';
import { addDeviceAtCenter } from '../document/actions';

export const PRESET_MIME = 'application/x-packetjourney-preset';

export function Palette() {
  const { t } = useTranslation('app');
  const devices = PRESETS.filter((p) => !p.id.startsWith('server-'));
  const servers = PRESETS.filter((p) => p.id.startsWith('server-'));

  const item = (preset: (typeof PRESETS)[number]) => {
    const Icon = KIND_ICONS[preset.kind];
    const name = t(preset.labelKey, { defaultValue: preset.id });
    return (
      <button
        key={preset.id}
        type="button"
        className={`pj-palette-item pj-kind-${preset.kind}`}
        draggable
        data-testid={`palette-${preset.id}`}
        aria-label={t('palette.add', { name })}
        title={t('palette.dragHint')}
        onDragStart={(e) => {
          e.dataTransfer.setData(PRESET_MIME, preset.id);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => addDeviceAtCenter(preset.id)}
      >
        <span className="pj-palette-icon" style={{ color: `var(--kind-${preset.kind})` }}>
          <Icon size={18} strokeWidth={1.8} aria-hidden />
        </span>
        <span>{name}</span>
      </button>
    );
  };

  return (
    <nav className="pj-palette" aria-label={t('palette.label')}>
      <h2>{t('palette.devices')}</h2>
      <div className="pj-palette-items">{devices.map(item)}</div>
      <h2>{t('palette.servers')}</h2>
      <div className="pj-palette-items">{servers.map(item)}</div>
      <p className="pj-palette-hint">{t('palette.hint')}</p>
    </nav>
  );
}
