// The app shell: menu bar and toolbar on top; palette, the browser bar over the canvas, and the inspector in the
// middle; problems under the canvas; the replay docked at the bottom once a journey has been run.
import { lazy, Suspense, useEffect, useMemo, useState, type DragEvent } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { MenuBar } from './commands/MenuBar';
import { Toolbar } from './commands/Toolbar';
import { CommandPalette } from './commands/CommandPalette';
import { bindShortcuts } from './commands/shortcuts';
import { runCommand } from './commands/registry';
import { Canvas } from './canvas/Canvas';
import { Palette } from './palette/Palette';
import { ProblemsPanel } from './problems/ProblemsPanel';
import { useProblems } from './problems/useProblems';
import { StartScreen } from './start/StartScreen';
import { AboutDialog, ConfirmDialog, Toasts } from './ui/Dialogs';
import { isDirty, useApp } from './store';
import { platform } from './platform';
import { openDropped, windowTitle } from './files/actions';
import { i18next } from './i18n';
import { StatusBar } from './ui/StatusBar';
import { SimulationBar } from './replay-session/SimulationBar';
import { ReplayPanel } from './replay-session/ReplayPanel';
import { installReplayLifecycle } from './replay-session/lifecycle';
import { bindReplayKeys } from './replay-session/keys';
import { listenForOpenRequests } from './files/open-requests';
import { startRecoveryAutosave } from './files/recovery';
import { ExportDialog } from './export';
import { PresentMode } from './present/PresentMode';
import { bindPresentKeys } from './present/keys';

const Inspector = lazy(() => import('./inspector/Inspector').then((m) => ({ default: m.Inspector })));

function InspectorPanel() {
  const { t } = useTranslation('app');
  const doc = useApp((s) => s.doc);
  const selection = useApp((s) => s.selection);
  const focus = useApp((s) => s.inspectorFocus);
  const applyEdit = useApp((s) => s.applyEdit);
  if (!doc) return null;
  return (
    <aside className="pj-right" aria-label={t('inspector.label')} data-testid="inspector-panel">
      <Suspense fallback={null}>
        <Inspector topology={doc} selection={selection} onEdit={applyEdit} focus={focus} />
      </Suspense>
    </aside>
  );
}

function useWindowChrome() {
  const doc = useApp((s) => s.doc);
  const saved = useApp((s) => s.saved);
  const file = useApp((s) => s.file);
  const theme = useApp((s) => s.theme);
  const language = useApp((s) => s.language);

  useEffect(() => {
    const { title, dirty } = windowTitle();
    document.title = title;
    platform.setTitle(title, dirty);
  }, [doc, saved, file, language]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language;
    if (i18next.language !== language) void i18next.changeLanguage(language);
  }, [language]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty(useApp.getState())) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // First: while presenting, its keys come before the editor's and the replay's (and keep those out).
    const unbindPresentKeys = bindPresentKeys();
    const unbindKeys = bindShortcuts();
    const unbindReplayKeys = bindReplayKeys();
    const stopReplayLifecycle = installReplayLifecycle();
    const unsubscribe = platform.onCommand((id) => runCommand(id));
    const stopOpenRequests = listenForOpenRequests();
    const stopAutosave = startRecoveryAutosave();
    return () => {
      stopAutosave();
      window.removeEventListener('beforeunload', onBeforeUnload);
      unbindPresentKeys();
      unbindKeys();
      unbindReplayKeys();
      stopReplayLifecycle();
      unsubscribe();
      stopOpenRequests();
    };
  }, []);
}

function useFileDrop() {
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node)) setOver(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void openDropped(file);
      },
    },
  };
}

export function App() {
  const { t } = useTranslation('app');
  useWindowChrome();
  const doc = useApp((s) => s.doc);
  const showStart = useApp((s) => s.showStart);
  const showProblems = useApp((s) => s.showProblems);
  const replayShown = useApp((s) => s.replay.trace !== undefined && s.replay.panelOpen);
  const problems = useProblems(doc);
  const drop = useFileDrop();
  const problemCounts = useMemo(
    () => ({ total: problems.length, errors: problems.filter((p) => p.severity === 'error').length }),
    [problems],
  );

  const editing = doc !== null && !showStart;
  return (
    <div className="pj-app" {...drop.handlers}>
      <header className="pj-top">
        <MenuBar />
        <Toolbar />
      </header>
      <main className="pj-main">
        {editing ? (
          <ReactFlowProvider>
            <div className="pj-editor">
              <div className="pj-workspace">
                <Palette />
                <div className="pj-center">
                  <SimulationBar />
                  <Canvas />
                  {/* With the replay open, an empty problems list gives its room to the canvas. */}
                  {showProblems && (!replayShown || problems.length > 0) && <ProblemsPanel problems={problems} />}
                </div>
                <InspectorPanel />
              </div>
              <ReplayPanel />
            </div>
          </ReactFlowProvider>
        ) : (
          <StartScreen />
        )}
      </main>
      {editing && <StatusBar problems={problemCounts} />}
      {drop.over && (
        <div className="pj-drop-overlay" aria-hidden>
          {t('start.dropHere')}
        </div>
      )}
      <CommandPalette />
      <ConfirmDialog />
      <AboutDialog />
      <ExportDialog />
      <PresentMode />
      <Toasts />
    </div>
  );
}
