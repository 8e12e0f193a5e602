import { useWorkshop } from './store/context';
import { plural } from './lib/text';
import './styles/save-problem.css';

/** Connection and save state in words: what a person needs to trust that nothing is lost. */
export function StatusIndicator() {
  const status = useWorkshop((s) => s.status);
  const label = status.connection === 'connected' ? 'Connected' : status.connection === 'connecting' ? 'Connecting' : 'Offline';
  const detail =
    status.refusal ??
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
