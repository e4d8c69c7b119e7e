import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolTag as Tag } from '../../../shared/replay/classify';

/** A protocol shown by colour AND by its name, so colour is never the only cue. */
export function ProtocolTag({ protocol, label }: { protocol: Tag; label?: string }): JSX.Element {
  return label !== undefined ? (
    <span className={`pj-proto pj-proto-${protocol}`}>{label}</span>
  ) : (
    <TranslatedTag protocol={protocol} />
  );
}

function TranslatedTag({ protocol }: { protocol: Tag }): JSX.Element {
  const { t } = useTranslation('replay');
  return <span className={`pj-proto pj-proto-${protocol}`}>{t(`protocols.${protocol}`)}</span>;
}
