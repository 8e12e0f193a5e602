import { useEffect } from 'react';
import { TopBar } from './TopBar';
import { InterventionMenu } from './panels/InterventionMenu';
import { Board } from './board/Board';
import { PlanTable } from './panels/PlanTable';
import { SidePanel } from './panels/SidePanel';
import { useActions, useWorkshop } from './store/context';
import { SkipLinks } from './a11y/SkipLinks';
import { ActivityLog } from './a11y/ActivityLog';
import { useFocusAfterRemoval } from './a11y/use-focus-after-removal';
import { TouchBoard } from './tablet/TouchBoard';
import { usePanels } from './layout/panel-prefs';
import { FocusViewExit } from './layout/FocusViewExit';

function isTyping(el: Element | null): boolean {
  return (
    !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable)
  );
}

export function Workspace() {
  const actions = useActions();
  const refusal = useWorkshop((s) => s.status.refusal);
  useFocusAfterRemoval();
  const newerVersion = useWorkshop((s) => s.status.newerVersion);
  const panels = usePanels();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(document.activeElement)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        actions.undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        actions.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  return (
    <div className={`workspace${panels.menu ? '' : ' menu-closed'}${panels.side ? '' : ' side-closed'}${panels.focus ? ' focus-view' : ''}`}>
      <SkipLinks />
      <TopBar />
      <ActivityLog />
      {refusal && (
        <div className="banner banner-error" role="alert">
          {refusal} <a href="#/">Back to start</a>
        </div>
      )}
      {newerVersion && (
        <div className="banner banner-warn" role="alert">
          {newerVersion}
        </div>
      )}
      <InterventionMenu />
      <main className="centre">
        <Board />
        <PlanTable />
      </main>
      <SidePanel />
      <TouchBoard />
      <FocusViewExit />
    </div>
  );
}
