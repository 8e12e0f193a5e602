// "?" opens the list of keyboard shortcuts; the other shortcuts in the list act from anywhere in
// the workspace. The dialog also holds the setting for how much activity is read out.
import { useEffect, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { shortcuts, isTyping } from './shortcuts';
import { activityLevelLabels, readActivityLevel, saveActivityLevel } from './activity-level';
import type { ActivityLevel } from './activity-announcer';
import { AccessibilityStatementButton } from './AccessibilityStatement';

export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === '?' && !e.ctrlKey && !e.altKey && !e.metaKey && !isTyping(document.activeElement)) {
        e.preventDefault();
        setOpen(true);
        return;
      }
      const s = shortcuts.find((x) => x.matches?.(e));
      if (!s?.run) return;
      e.preventDefault();
      s.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-sm shortcuts-btn" aria-keyshortcuts="Shift+?" onClick={() => setOpen(true)}>
        Keyboard shortcuts
      </button>
      {open && <ShortcutsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const [level, setLevel] = useState<ActivityLevel>(readActivityLevel);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <fieldset className="activity-level">
        <legend>Read out what others do</legend>
        {(Object.keys(activityLevelLabels) as ActivityLevel[]).map((l) => (
          <label key={l} className="check">
            <input
              type="radio"
              name="activity-level"
              value={l}
              checked={level === l}
              onChange={() => {
                setLevel(l);
                saveActivityLevel(l);
              }}
            />
            {activityLevelLabels[l]}
          </label>
        ))}
      </fieldset>
      <table className="shortcuts-table">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts
            .filter((s) => s.does)
            .map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.does}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="small muted">Screen-reader users: these keys work in focus mode; in browse mode, press the screen reader’s pass-through key first.</p>
      <AccessibilityStatementButton />
    </Dialog>
  );
}
