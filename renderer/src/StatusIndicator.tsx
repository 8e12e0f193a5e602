import { useWorkshop } from './store/context';
import { plural } from './lib/text';
import './styles/save-problem.css';

/** Connection and save state in words: what a person needs to trust that nothing is lost. */
export function StatusIndicator() {
  const status = useWorkshop((s) => s.status);
  // Every workshop the host made carries its schema version; an empty doc is one this device never held.
  const hasCopy = useWorkshop((s) => s.snapshot.meta.schemaVersion > 0);
  const label = status.connection === 'connected' ? 'Connected' : status.connection === 'connecting' ? 'Connecting' : 'Offline';
  const detail =
    status.refusal ??
    (status.connection === 'offline' && !status.hostReached ? fromDevice(status.unsaved, status.localCopyReady, hasCopy) : null) ??
    (status.saveProblem && status.connection === 'connected'
      ? status.unsaved > 0
        ? `host cannot save; ${plural(status.unsaved, 'change')} kept on this device`
        : 'host cannot save'
      : status.unsaved > 0
        ? status.connection === 'connected'
          ? `saving ${plural(status.unsaved, 'change')}`
          : `${plural(status.unsaved, 'change')} waiting, kept on this device`
        : status.connection === 'connected'
          ? 'all changes saved'
          : status.connection === 'offline'
            ? 'changes are kept on this device'
            : '');
  const problem = status.saveProblem !== null && status.connection === 'connected';
  // Nothing to act on: on a narrow bar the words "all changes saved" make way for the title.
  const calm = status.connection === 'connected' && !status.refusal && !problem && status.unsaved === 0;
  // Where the bar is short of room the detail ends in an ellipsis; the words stay whole in the
  // element's text (what a screen reader reads) and in the tooltip.
  return (
    <>
      <div
        role="status"
        className={`status status-${status.refusal ? 'refused' : problem ? 'unsaved' : status.connection}${calm ? ' status-calm' : ''}`}
        title={detail ? `${label} · ${detail}` : label}
      >
        <span className="status-dot" aria-hidden="true" />
        <span className="status-label">{label}</span>
        {detail && <span className="status-detail"> · {detail}</span>}
        {status.role === 'viewer' && <span className="chip chip-sm">View only</span>}
      </div>
      {problem && (
        <div role="alert" className="save-problem">
          <strong>The host cannot save</strong> ({status.saveProblem}). Your changes are kept on this device and are saved once the host can write again.
        </div>
      )}
    </>
  );
}

/**
 * The page opened while the host could not be reached (a reload or a reopened link on a venue's
 * dropped Wi-Fi): what is on screen is this device's own copy, and edits wait here for the host.
 */
function fromDevice(unsaved: number, localCopyReady: boolean, hasCopy: boolean): string | null {
  if (!localCopyReady) return null;
  if (!hasCopy) return 'this device has no copy of this workshop yet; it opens when the host can be reached';
  return unsaved > 0
    ? `opened from this device; ${plural(unsaved, 'change')} kept here until the host is back`
    : 'opened from this device; changes are kept here until the host is back';
}
