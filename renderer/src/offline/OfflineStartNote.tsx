import { useWorkshop } from '../store/context';

/**
 * Said once, in words, on a page that opened without reaching the host (a reload or a reopened
 * link while the venue's Wi-Fi is down): the board is this device's own copy, typing is safe,
 * and what lives only at the host (the timer, votes, the presentation) comes back with it.
 */
export function OfflineStartNote() {
  const show = useWorkshop((s) => s.status.connection === 'offline' && !s.status.hostReached && s.status.localCopyReady && s.status.refusal === null);
  if (!show) return null;
  return (
    <p className="offline-start-note" role="note">
      <strong>Working offline.</strong> This workshop opened from this device. Keep adding and editing: your changes stay here and merge with everyone else’s
      when the host is back. The timer, votes and presentation return with it.
    </p>
  );
}
