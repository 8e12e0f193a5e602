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
import { readableDate } from '../../shared/dates';
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
  const subtitle = [meta.footprint, academy && `${academy.name} Leadership Academy`, meta.date && readableDate(meta.date)].filter(Boolean).join(' · ');
  return (
    <>
      <header className="topbar">
        <a href="#/" className="home" aria-label="All workshops">
          <Logo size={30} />
        </a>
        <div className="titles">
          <h1 className="workshop-title" title={meta.title}>
            {meta.title}
          </h1>
          <p className="small muted" title={subtitle}>
            {subtitle}
          </p>
        </div>
        <StatusIndicator />
        <div className="topbar-actions">
          {/* Icons with their words as names and tooltips: the bar's room goes to the workshop's title. */}
          <HistoryStep name="Undo" keys="Control+Z" hint="Ctrl+Z" onClick={actions.undo} disabled={!canUndo} />
          <HistoryStep name="Redo" keys="Control+Shift+Z" hint="Ctrl+Shift+Z" onClick={actions.redo} disabled={!canRedo} mirrored />
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

/** Undo or Redo as an icon button: a curved arrow (mirrored for Redo), named by its word. */
function HistoryStep(props: { name: string; keys: string; hint: string; onClick: () => void; disabled: boolean; mirrored?: boolean }) {
  const { name, keys, hint, onClick, disabled, mirrored = false } = props;
  return (
    <button className="btn btn-ghost icon-only" onClick={onClick} disabled={disabled} aria-label={name} aria-keyshortcuts={keys} title={`${name} (${hint})`}>
      <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false" style={mirrored ? { transform: 'scaleX(-1)' } : undefined}>
        <path d="M7 4 3 8l4 4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M3.5 8H12a5 5 0 0 1 0 10H9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
    </button>
  );
}
