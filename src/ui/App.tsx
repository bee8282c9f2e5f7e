import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore, useSession, useSessionShallow } from '../store';
import type { ViewTarget } from '../view/clusterView';
import { ClusterPanel } from './ClusterPanel';
import { ContextMenu, type MenuState } from './ContextMenu';
import { ErrorBoundary } from './ErrorBoundary';
import { EventLog } from './EventLog';
import { FaultToolbar } from './FaultToolbar';
import { useKeyboardShortcuts, usePlaybackLoop } from './hooks';
import { Knobs } from './Knobs';
import { lazyPanel } from './lazyPanel';
import { Ledger } from './Ledger';
import { machineOfViewEvent, machineOfViewTarget } from './machineTargets';
import { Narrator } from './Narrator';
import { ScenarioPicker } from './ScenarioPicker';
import { Settings } from './Settings';
import { Tabs } from './Tabs';
import { Timeline } from './Timeline';
import { TokenFilter } from './TokenFilter';
import { Transport } from './Transport';

// The settings panel brings the engine's parser and settings tables into the page: loaded when opened.
const SettingsPanel = lazyPanel(() => import('./SettingsPanel').then((m) => m.default));
// The machines panel loads when its tab is first opened: nothing of it weighs on the first paint.
const MachinePanel = lazyPanel(() => import('./MachinePanel').then((m) => m.MachinePanel));
// So do the other tabs behind the event log (the first one shown).
const Tables = lazyPanel(() => import('./Tables').then((m) => m.Tables));
const Advanced = lazyPanel(() => import('./Advanced').then((m) => m.Advanced));
const Simplifications = lazyPanel(() => import('./Simplifications').then((m) => m.Simplifications));

/**
 * Progress of a long run, replay or seek, over the cluster view's top-left corner. Not in the
 * status line below the timeline: appearing and leaving there took its height from the view, and
 * each change of the view's size redrew every strip at the new size (twice per slow seek).
 */
function ViewProgress() {
  const { t } = useTranslation();
  const progress = useSession((s) => s.progress);
  if (!progress) return null;
  return (
    <div className="progress view-progress" role="status">
      <label>
        {t(`status.${progress.what}`, { percent: Math.round((100 * progress.done) / Math.max(1, progress.total)) })}{' '}
        <progress max={progress.total} value={progress.done} />
      </label>
    </div>
  );
}

/** What a mistyped share link could not follow (`?scenario=…&t=…`), until the learner dismisses it. */
function LinkProblems() {
  const { t } = useTranslation();
  const linkProblems = useSession((s) => s.linkProblems);
  if (linkProblems.length === 0) return null;
  return (
    <div className="alert link-problems" role="alert">
      <ul>
        {linkProblems.map((p) => (
          <li key={p.param}>{t(`link.${p.param}`, { value: p.value })}</li>
        ))}
      </ul>
      <button type="button" onClick={() => sessionStore.getState().dismissLinkProblems()}>
        {t('link.dismiss')}
      </button>
    </div>
  );
}

/** A refused command, an engine failure. (A fork's notice sits under the timeline: Timeline.tsx.) */
function StatusLine() {
  const { t } = useTranslation();
  const { commandIssues, engineError } = useSessionShallow((s) => ({
    commandIssues: s.commandIssues,
    engineError: s.engineError,
  }));
  return (
    <div className="status-line">
      {commandIssues.length > 0 && (
        <div className="alert" role="alert">
          {t('status.commandRefused')} {commandIssues.map((i) => `${i.path}: ${i.message}`).join('; ')}
        </div>
      )}
      {engineError && (
        <div className="alert" role="alert">
          {t('status.engineFailed', { message: engineError })}
        </div>
      )}
    </div>
  );
}

/** The playground: a live cluster to play, break, rewind and read. */
export function App() {
  usePlaybackLoop();
  useKeyboardShortcuts();
  const [menu, setMenu] = useState<MenuState | null>(null);
  const openMenu = useCallback((target: ViewTarget, at: { x: number; y: number }) => {
    setMenu({ target, at });
    // The machines panel follows what was right-clicked.
    const machine = machineOfViewTarget(target);
    if (machine) sessionStore.getState().selectMachine(machine);
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const topic = useSessionShallow((s) => ({ topic: ((s.scenario as { topics?: { name: string }[] })?.topics ?? [])[0]?.name ?? '' })).topic;
  return (
    <div className="app">
      <Panels topic={topic} onContextMenu={openMenu} />
      {menu && <ContextMenu menu={menu} topic={topic} onClose={closeMenu} />}
    </div>
  );
}

/**
 * Everything but the context menu, memoised: opening or closing the menu (a fork is a click in it)
 * re-rendered every panel at once, one long task; now only the panels whose store slice changed do.
 */
const Panels = memo(function Panels({ topic, onContextMenu }: { topic: string; onContextMenu: (target: ViewTarget, at: { x: number; y: number }) => void }) {
  const { t } = useTranslation();
  // …and what was clicked (or chosen with Enter) in the view.
  const pickMachine = useCallback((e: { target: EventTarget | null; key?: string }) => {
    if (e.key !== undefined && e.key !== 'Enter' && e.key !== ' ') return;
    const machine = machineOfViewEvent(e);
    if (machine) sessionStore.getState().selectMachine(machine);
  }, []);

  return (
    <>
      <a className="skip" href="#stage">
        {t('app.skip')}
      </a>
      <header className="top">
        <h1>{t('app.title')}</h1>
        <ScenarioPicker />
        <Settings />
      </header>
      <main>
        <div className="stage" id="stage">
          <Transport />
          <Knobs />
          <ErrorBoundary resetKey={topic}>
            <div className="view-area" onClick={pickMachine} onKeyDown={pickMachine}>
              <ClusterPanel onContextMenu={onContextMenu} />
              <ViewProgress />
              <p id="view-help" className="view-help">
                {t('view.help')}
              </p>
            </div>
          </ErrorBoundary>
          <Timeline />
          <LinkProblems />
          <StatusLine />
          <TokenFilter />
        </div>
        <aside className="side">
          <Ledger />
          <FaultToolbar />
        </aside>
        <div className="lower">
          <Tabs
            label={t('tabs.label')}
            tabs={[
              { id: 'events', title: t('tabs.events'), content: () => <EventLog /> },
              {
                id: 'tables',
                title: t('tabs.tables'),
                content: () => (
                  <Tables fallback={<p role="status">{t('tabs.loading')}</p>} />
                ),
              },
              {
                id: 'settings',
                title: t('tabs.settings'),
                content: () => (
                  <SettingsPanel fallback={<p role="status">{t('tabs.settingsLoading')}</p>} />
                ),
              },
              {
                id: 'machines',
                title: t('tabs.machines'),
                content: () => (
                  <MachinePanel fallback={<p role="status">{t('tabs.loading')}</p>} />
                ),
              },
              {
                id: 'advanced',
                title: t('tabs.advanced'),
                content: () => (
                  <Advanced fallback={<p role="status">{t('tabs.loading')}</p>} />
                ),
              },
              {
                id: 'about',
                title: t('tabs.about'),
                content: () => (
                  <Simplifications fallback={<p role="status">{t('tabs.loading')}</p>} />
                ),
              },
            ]}
          />
        </div>
      </main>
      <Narrator />
    </>
  );
});
