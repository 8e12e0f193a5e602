import { useState, useSyncExternalStore } from 'react';
import { isUpdateReady, onUpdateReady, reloadIntoUpdate } from './app-shell';
import '../styles/offline.css';

/**
 * A new version of the app is installed and waits for this person: a quiet notice (never a
 * reload on its own, which would interrupt someone typing), kept out of the way of the board.
 * Reloading loses nothing: every change is in this device's copy and merges as usual.
 */
export function UpdateNotice() {
  const ready = useSyncExternalStore(onUpdateReady, isUpdateReady);
  const [reloading, setReloading] = useState(false);
  if (!ready) return null;
  return (
    <aside className="update-notice" aria-label="New version" aria-live="polite">
      <p>A new version of the app is ready. Reload to use it; your changes are kept.</p>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void reloadIntoUpdate();
        }}
      >
        {reloading ? 'Reloading…' : 'Reload'}
      </button>
    </aside>
  );
}
