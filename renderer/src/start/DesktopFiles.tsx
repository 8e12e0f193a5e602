import { useEffect, useState } from 'react';
import { desktopApi } from '../lib/desktop';
import type { RecentWorkshopFile } from '../../../shared/ipc-contract';

/** In the desktop app: open a .slcanvas file with the system dialog, or a recently used one. */
export function DesktopFiles() {
  const api = desktopApi()!;
  const [recent, setRecent] = useState<RecentWorkshopFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.recentWorkshopFiles().then(setRecent, () => setRecent([]));
  }, [api]);
  const run = (p: Promise<unknown>) => p.catch((e: Error) => setError(e.message));
  return (
    <div className="stack">
      <button className="btn" onClick={() => run(api.openWorkshopFile())}>
        Open workshop file…
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {recent.length > 0 && (
        <>
          <h3 className="small muted">Recent files</h3>
          <ul className="recent-list">
            {recent.slice(0, 6).map((r) => (
              <li key={r.path}>
                <button className="link-btn" title={r.path} onClick={() => run(api.openRecentWorkshopFile(r.path))}>
                  {r.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
