// What this person tells others about themselves, sent at a fixed rate. Pointer moves, live drag
// positions, selection and view all land in one pending state and go out together, at most once
// per interval: a busy pointer can never starve a drag (or the other way round), and a burst of
// changes costs one awareness message, not one per event.
import type { Awareness } from 'y-protocols/awareness';
import { isPresenceState, type PresenceState } from './presence';

/** 20 messages a second: smooth enough to watch a drag, ~50 ms behind at worst. */
export const BROADCAST_INTERVAL_MS = 50;

export type PresencePatch = Partial<Omit<PresenceState, 'user' | 'lastActive'>>;

export class PresenceBroadcast {
  private pending: PresencePatch | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;

  constructor(
    private readonly awareness: Awareness,
    private readonly interval = BROADCAST_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Queues a change to what others see; `urgent` sends it (and anything queued) right away. */
  set(patch: PresencePatch, urgent = false): void {
    this.pending = { ...this.pending, ...patch };
    if (urgent) return this.flush();
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastSent + this.interval - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const patch = this.pending;
    this.pending = null;
    if (!patch) return;
    this.lastSent = this.now();
    const current = this.awareness.getLocalState();
    if (isPresenceState(current)) this.awareness.setLocalState({ ...current, ...patch, lastActive: Date.now() });
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
