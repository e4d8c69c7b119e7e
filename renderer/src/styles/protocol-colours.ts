// The protocols' colours come from their registry entries (shared/wire/protocols.ts): this puts them into the page
// as CSS custom properties, after the stylesheets, so the replay's labels, chips, ladder and canvas packets read them.
import { protocolCss } from '../../../shared/wire/protocols';

export function installProtocolColours(doc: Document = document): void {
  if (doc.getElementById('pj-protocol-colours')) return;
  const style = doc.createElement('style');
  style.id = 'pj-protocol-colours';
  style.textContent = protocolCss();
  doc.head.appendChild(style);
}
