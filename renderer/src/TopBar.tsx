import { useState } from 'react';
import { frameworkIndex } from '../../shared/framework';
import { useActions, useWorkshop } from './store/context';
import { StatusIndicator } from './StatusIndicator';
import { InviteDialog } from './InviteDialog';
import { Logo } from './ui/Logo';
import { ExportMenu } from './export/ExportMenu';
import { FacilitationStrip } from './facilitation/FacilitationStrip';
import { desktopApi } from './lib/desktop';
import { HistoryButton } from './history/HistoryButton';
import { KeyboardShortcuts } from './a11y/KeyboardShortcuts';
import { FollowUpDialog } from './followup/FollowUpDialog';
import { readableDate } from './lib/dates';
import { SaveTemplateDialog } from './templates/SaveTemplateDialog';

export function TopBar() {
  const meta = useWorkshop((s) => s.snapshot.meta);
  const canUndo = useWorkshop((s) => s.canUndo);
  const canRedo = useWorkshop((s) => s.canRedo);
  const role = useWorkshop((s) => s.status.role);
  const actions = useActions();
  const [inviting, setInviting] = useState(false);
  const [followingUp, setFollowingUp] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const academy = frameworkIndex.framework.academies.find((a) => a.id === meta.academyId);
  return (
    <>
      <header className="topbar">
        <a href="#/" className="home" aria-label="All workshops">
          <Logo size={30} />
        </a>
        <div className="titles">
          <h1 className="workshop-title">{meta.title}</h1>
          <p className="small muted">
            {[meta.footprint, academy && `${academy.name} Leadership Academy`, meta.date && readableDate(meta.date)].filter(Boolean).join(' · ')}
          </p>
        </div>
        <StatusIndicator />
        <div className="topbar-actions">
          <button className="btn btn-ghost" onClick={actions.undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button className="btn btn-ghost" onClick={actions.redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
          <button className="btn btn-ghost" onClick={() => setFollowingUp(true)}>
            Follow-up
          </button>
          <ExportMenu />
          {role === 'facilitator' && (
            <button className="btn btn-ghost" onClick={() => setSavingTemplate(true)}>
              Save as template
            </button>
          )}
          <DesktopSaveAs />
          <HistoryButton />
          <KeyboardShortcuts />
          {role !== 'viewer' && (
            <button className="btn btn-primary" onClick={() => setInviting(true)}>
              Invite people
            </button>
          )}
        </div>
        {inviting && <InviteDialog onClose={() => setInviting(false)} />}
        {followingUp && <FollowUpDialog onClose={() => setFollowingUp(false)} />}
        {savingTemplate && <SaveTemplateDialog onClose={() => setSavingTemplate(false)} />}
      </header>
      <FacilitationStrip />
    </>
  );
}

/** "Save as…" in the desktop app: a copy of the workshop file wherever the person chooses. */
function DesktopSaveAs() {
  const api = desktopApi();
  const workshopId = useWorkshop((s) => s.session.options.workshopId);
  const [message, setMessage] = useState<string | null>(null);
  if (!api) return null;
  return (
    <>
      <button
        className="btn btn-ghost"
        onClick={() =>
          api.saveWorkshopFile(workshopId).then(
            (path) => path && setMessage(`Saved to ${path}`),
            (e: Error) => setMessage(`Could not save: ${e.message}`),
          )
        }
      >
        Save as…
      </button>
      {message && (
        <span className="small muted" role="status">
          {message}
        </span>
      )}
    </>
  );
}
