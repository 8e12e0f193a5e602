// The facilitator's History: the host's restore points, newest first, each with when it was
// kept, what changed since the one before and by whom, a look at what it holds, and Restore.
// Restoring reaches everyone as an ordinary change, and the host keeps the board as it was
// just before as a point of its own, so a restore can be undone from here too.
import { useCallback, useEffect, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useWorkshop } from '../store/context';
import { createPoint, listPoints, previewPoint, restorePoint, type PointPreview, type RestorePoint } from './history-api';
import type { ChangeSummary, NamedEntry, PointReason } from '../../../shared/history';
import './history.css';

const reasons: Record<PointReason, string> = {
  auto: 'Kept automatically',
  opened: 'When the workshop was opened',
  closed: 'When everyone had left',
  requested: 'Kept by the facilitator',
  'before-restore': 'Just before a restore',
  imported: 'When the file was imported',
};

export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const { workshopId, token } = useWorkshop((s) => s.session.options);
  const [points, setPoints] = useState<RestorePoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  // Restoring changes everyone's board at once: the first press asks, the second restores.
  const [confirming, setConfirming] = useState<number | null>(null);

  const refresh = useCallback(() => listPoints(workshopId, token).then(setPoints, (e: Error) => setError(e.message)), [workshopId, token]);
  useEffect(() => void refresh(), [refresh]);

  const act = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await fn());
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const keepNow = () =>
    act(async () => {
      const p = await createPoint(workshopId, token);
      return `Kept the workshop as it is now (${formatTime(p.at)}).`;
    });
  const restore = (p: RestorePoint) =>
    act(async () => {
      setConfirming(null);
      await restorePoint(workshopId, token, p.id);
      return `Restored the workshop to ${formatTime(p.at)} for everyone. The board as it was just before is kept as a restore point, so this can be undone.`;
    });

  return (
    <Dialog title="History" onClose={onClose} wide>
      <div className="history">
        <div className="history-intro">
          <p className="small muted">
            The host keeps the workshop every few minutes while it changes, and before every restore. Restoring changes the board for everyone.
          </p>
          <button className="btn btn-primary" disabled={busy} onClick={keepNow}>
            Create restore point
          </button>
        </div>
        <p role="status" className="history-notice">
          {notice}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!points && !error && <p className="muted">Getting the history…</p>}
        {points && points.length === 0 && <p className="muted">No restore points yet.</p>}
        {points && points.length > 0 && (
          <ol className="history-points" aria-label="Restore points">
            {points.map((p) => (
              <li key={p.id} className="history-point" aria-label={`Restore point ${formatTime(p.at)}`}>
                <div className="history-point-head">
                  <div className="grow">
                    <p>
                      <strong>{formatTime(p.at)}</strong> <span className="small muted">{reasons[p.reason] ?? p.reason}</span>
                    </p>
                    <p className="small">{describe(p.summary)}</p>
                    {p.by.length > 0 && <p className="small muted">By {p.by.join(', ')}</p>}
                  </div>
                  <button className="btn btn-sm" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>
                    {open === p.id ? 'Hide' : 'Look'}
                  </button>
                  <button
                    className="btn btn-sm"
                    disabled={busy}
                    aria-expanded={confirming === p.id}
                    onClick={() => setConfirming(confirming === p.id ? null : p.id)}
                  >
                    Restore
                  </button>
                </div>
                {confirming === p.id && (
                  <div className="history-confirm row gap wrap" role="group" aria-label={`Restore to ${formatTime(p.at)}?`}>
                    <p className="grow small">
                      Everyone&rsquo;s board goes back to how it was at <strong>{formatTime(p.at)}</strong>. The board as it is now is kept first, so this can
                      be undone from here.
                    </p>
                    <button className="btn btn-sm" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                    <button className="btn btn-sm btn-primary" autoFocus disabled={busy} onClick={() => restore(p)}>
                      Restore for everyone
                    </button>
                  </div>
                )}
                {open === p.id && <PointLook workshopId={workshopId} token={token} point={p} />}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Dialog>
  );
}

/** A read-only look at what a point holds. */
function PointLook({ workshopId, token, point }: { workshopId: string; token: string; point: RestorePoint }) {
  const [preview, setPreview] = useState<PointPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    previewPoint(workshopId, token, point.id).then(setPreview, (e: Error) => setError(e.message));
  }, [workshopId, token, point.id]);
  if (error) return <p className="error">{error}</p>;
  if (!preview) return <p className="small muted">Opening the restore point…</p>;
  return (
    <div className="history-look" aria-label={`What the workshop held at ${formatTime(point.at)}`} role="group">
      <EntryList title={`Cards (${preview.cards.length})`} entries={preview.cards} />
      <EntryList title={`Plan items (${preview.items.length})`} entries={preview.items} />
    </div>
  );
}

function EntryList({ title, entries }: { title: string; entries: NamedEntry[] }) {
  return (
    <section>
      <h3 className="small">{title}</h3>
      {entries.length === 0 ? (
        <p className="small muted">None</p>
      ) : (
        <ul className="history-entries">
          {entries.map((e) => (
            <li key={e.id}>
              {e.label} <span className="muted">· {e.detail}</span>
              {e.table && <span className="muted"> · Table {e.table}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describe(s: ChangeSummary): string {
  const parts: string[] = [];
  const at = (e: NamedEntry) => (e.table ? ` at table ${e.table}` : '');
  const named = (list: NamedEntry[]) => (list.length > 0 && list.length <= 3 ? `: ${list.map((e) => `“${e.label}”${at(e)}`).join(', ')}` : '');
  if (s.cardsAdded.length) parts.push(`${plural(s.cardsAdded.length, 'card')} added${named(s.cardsAdded)}`);
  if (s.cardsRemoved.length) parts.push(`${plural(s.cardsRemoved.length, 'card')} removed${named(s.cardsRemoved)}`);
  if (s.itemsAdded.length) parts.push(`${plural(s.itemsAdded.length, 'plan item')} added${named(s.itemsAdded)}`);
  if (s.itemsRemoved.length) parts.push(`${plural(s.itemsRemoved.length, 'plan item')} removed${named(s.itemsRemoved)}`);
  if (s.changed) parts.push(`${plural(s.changed, 'card or item', 'cards or items')} changed`);
  return parts.length ? parts.join('; ') : 'No cards or plan items added or removed';
}

function formatTime(at: number): string {
  const d = new Date(at);
  const today = new Date().toDateString() === d.toDateString();
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return today ? time : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
