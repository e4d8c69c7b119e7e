import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/replay-shell.css';
import { App } from './App';
import { initI18n } from './i18n';
import { useApp } from './store';
import { PresenterView } from './present/PresenterView';
import { installProtocolColours } from './styles/protocol-colours';

initI18n(useApp.getState().language);
document.documentElement.dataset.theme = useApp.getState().theme;
installProtocolColours();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The presenter view of a presentation (its second window) is the same app at #/presenter. */}
    {location.hash.startsWith('#/presenter') ? <PresenterView /> : <App />}
  </StrictMode>,
);
