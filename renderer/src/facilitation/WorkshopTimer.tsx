// The workshop timer everyone sees. Its state lives at the relay; each screen counts down from
// the relay's end time (corrected for clock differences), so all screens agree.
import { useEffect, useRef, useState } from 'react';
import { timerRemaining } from '../collab/control-channel';
import { useActions, useWorkshop } from '../store/context';
import { playChime } from './chime';

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** `controls` false: the clock alone, as on the projector, even for a facilitator's own link. */
export function WorkshopTimer({ controls = true }: { controls?: boolean }) {
  const timer = useWorkshop((s) => s.control?.timer ?? null);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const session = useWorkshop((s) => s.session);
  const actions = useActions();
  const [, tick] = useState(0);
  const [minutes, setMinutes] = useState(5);
  const chimedFor = useRef<number | null>(null);

  useEffect(() => {
    if (timer?.status !== 'running') return;
    const h = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(h);
  }, [timer?.status]);

  const remaining = timer ? timerRemaining(timer, session.control.now()) : 0;
  const done = !!timer && (timer.status === 'done' || (timer.status === 'running' && remaining === 0));

  useEffect(() => {
    if (done && timer?.endsAt && chimedFor.current !== timer.endsAt) {
      chimedFor.current = timer.endsAt;
      playChime();
    }
  }, [done, timer?.endsAt]);

  if (!timer) return null;
  const running = timer.status === 'running' && !done;
  return (
    <div className={`timer ${done ? 'timer-done' : ''} ${running ? 'timer-running' : ''}`}>
      <span role="timer" aria-label="Workshop timer" aria-live={done ? 'assertive' : 'off'} className="timer-clock">
        {done ? "Time's up" : formatClock(remaining)}
      </span>
      {isFacilitator && controls && (
        <span className="timer-controls">
          {running ? (
            <button className="btn btn-sm" onClick={() => actions.control({ type: 'timer.pause' })}>
              Pause timer
            </button>
          ) : (
            <button
              className="btn btn-sm"
              onClick={() => actions.control(timer.status === 'idle' ? { type: 'timer.start', durationMs: minutes * 60_000 } : { type: 'timer.start' })}
            >
              Start timer
            </button>
          )}
          <button className="btn btn-sm" onClick={() => actions.control({ type: 'timer.addMinute' })}>
            +1 min
          </button>
          <button className="btn btn-sm btn-ghost" onClick={() => actions.control({ type: 'timer.reset', durationMs: minutes * 60_000 })}>
            Reset timer
          </button>
          <label className="visually-hidden" htmlFor="timer-minutes">
            Timer minutes
          </label>
          <select id="timer-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className="timer-minutes">
            {[1, 2, 3, 5, 10, 15, 20, 30, 45, 60].map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}
