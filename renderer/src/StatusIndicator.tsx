import { useWorkshop } from './store/context';
import { plural } from './lib/text';

/** Connection and save state in words: what a person needs to trust that nothing is lost. */
export function StatusIndicator() {
  const status = useWorkshop((s) => s.status);
  const label = status.connection === 'connected' ? 'Connected' : status.connection === 'connecting' ? 'Connecting' : 'Offline';
  const detail =
    status.refusal ??
    (status.unsaved > 0
      ? status.connection === 'connected'
        ? `saving ${plural(status.unsaved, 'change')}`
        : `${plural(status.unsaved, 'change')} waiting, kept on this device`
      : status.connection === 'connected'
        ? 'all changes saved'
        : status.connection === 'offline'
          ? 'changes are kept on this device'
          : '');
  return (
    <div role="status" className={`status status-${status.refusal ? 'refused' : status.connection}`} title={detail}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{label}</span>
      {detail && <span className="status-detail"> · {detail}</span>}
      {status.role === 'viewer' && <span className="chip chip-sm">View only</span>}
    </div>
  );
}
