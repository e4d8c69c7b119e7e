// What the host asks the window to open: in web mode a link to a moment of a journey in the address's hash
// (#/open/home-to-web?from=pc&…&step=12); in the desktop app the main process's open requests — a file from the
// command line, a double-click or Recent; autosaved work to restore; or the same journey link given as an argument.
import type { OpenRequest } from '../../../electron/common/desktop-bridge';
import { platform } from '../platform';
import { useApp } from '../store';
import { openDeepLink } from '../replay-session/actions';
import { confirmDiscard, openBytes } from './actions';
import { i18next } from '../i18n';

async function handle(request: OpenRequest): Promise<void> {
  if (request.kind === 'link') {
    await openDeepLink(request.link);
    return;
  }
  if (!(await confirmDiscard())) return;
  if (request.kind === 'recovered') {
    openBytes(new TextEncoder().encode(request.text), request.name, request.path);
    // Restored work is unsaved work.
    useApp.setState({ saved: null });
    return;
  }
  const result = await platform.openPath(request.path);
  if (result.ok) openBytes(result.file.bytes, result.file.name, result.file.path);
  else if (!result.canceled)
    useApp
      .getState()
      .pushToast({ kind: 'error', title: i18next.t('errors.openFailedGeneric', { ns: 'app' }), message: result.error });
}

export function listenForOpenRequests(): () => void {
  const onHash = () => {
    if (location.hash.startsWith('#/open/')) void openDeepLink(location.hash);
  };
  onHash();
  window.addEventListener('hashchange', onHash);
  const stopDesktop = window.packetJourneyDesktop?.onOpenRequest((request) => void handle(request));
  return () => {
    window.removeEventListener('hashchange', onHash);
    stopDesktop?.();
  };
}
