// Presence is structurally shared: what did not change keeps its identity, so nothing that shows
// it re-renders while other people only move their pointers.
import { describe, it, expect, vi, afterEach } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from 'y-protocols/awareness';
import { readPresence, mirrorPresence, EMPTY_PRESENCE, type PresenceView } from './presence-mirror';
import { PresenceBroadcast, BROADCAST_INTERVAL_MS } from './presence-broadcast';
import type { PresenceState } from './presence';

function person(name: string, patch: Partial<PresenceState> = {}): PresenceState {
  return {
    user: { name, organisation: 'Riverside', organisationType: 'Other', colour: '#0b5cad', role: 'participant' },
    cursor: null,
    selection: [],
    editing: null,
    drag: null,
    lastActive: Date.now(),
    ...patch,
  };
}

/** Two clients joined the way the relay joins them: every update of one applied to the other. */
function pair() {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  a.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...added, ...updated, ...removed]), 'relay');
  });
  return { a, b };
}

afterEach(() => vi.useRealTimers());

describe('presence mirror', () => {
  it('a pointer moving changes only the cursors; a drag replaces only remoteDrags', () => {
    const { a, b } = pair();
    b.setLocalState(person('Me'));
    a.setLocalState(person('Grace', { selection: ['c1'] }));
    let view: PresenceView = readPresence(b, EMPTY_PRESENCE);
    expect(view.participants.map((p) => p.user.name)).toEqual(['Me', 'Grace']);
    const participants = view.participants;
    const drags = view.remoteDrags;
    for (let i = 0; i < 20; i++) {
      a.setLocalState({ ...a.getLocalState(), cursor: { x: i, y: i * 2 }, lastActive: Date.now() });
      const next = readPresence(b, view);
      expect(next.participants).toBe(participants);
      expect(next.remoteDrags).toBe(drags);
      expect(next.cursors).not.toBe(view.cursors);
      expect(next.cursors[0]).toMatchObject({ x: i, y: i * 2, name: 'Grace' });
      view = next;
    }
    a.setLocalState({
      ...a.getLocalState(),
      drag: [
        { id: 'c1', x: 5, y: 6 },
        { id: 'c2', x: 7, y: 8 },
      ],
    });
    const dragged = readPresence(b, view);
    expect(dragged.participants).toBe(participants);
    expect(dragged.cursors).toBe(view.cursors);
    expect([...dragged.remoteDrags]).toEqual([
      ['c1', { x: 5, y: 6, colour: '#0b5cad' }],
      ['c2', { x: 7, y: 8, colour: '#0b5cad' }],
    ]);
    // The same drag again is the same map; a change of selection is a new participant object.
    a.setLocalState({ ...a.getLocalState(), lastActive: Date.now() + 1 });
    expect(readPresence(b, dragged).remoteDrags).toBe(dragged.remoteDrags);
    a.setLocalState({ ...a.getLocalState(), selection: ['c2'] });
    const selected = readPresence(b, dragged);
    expect(selected.participants).not.toBe(participants);
    expect(selected.participants[0]).toBe(participants[0]);
    expect(selected.participants[1]!.selection).toEqual(['c2']);
  });

  it('reports only the slices that changed, and nothing for a message that changes nothing shown', () => {
    const { a, b } = pair();
    b.setLocalState(person('Me'));
    const reports: (keyof PresenceView)[][] = [];
    const stop = mirrorPresence(b, (changed) => reports.push(Object.keys(changed) as (keyof PresenceView)[]));
    reports.length = 0;
    a.setLocalState(person('Grace'));
    a.setLocalState({ ...a.getLocalState(), cursor: { x: 1, y: 1 } });
    a.setLocalState({ ...a.getLocalState(), viewport: { x: 0, y: 0, zoom: 1 } });
    a.setLocalState({ ...a.getLocalState(), lastActive: Date.now() + 5 });
    expect(reports).toEqual([['participants'], ['cursors'], ['viewports']]);
    stop();
  });

  it('ignores malformed drags and cursors from a hostile peer', () => {
    const { a, b } = pair();
    a.setLocalState({ ...person('Mallory'), cursor: { x: 'no', y: null }, drag: [{ id: 3, x: 1, y: 1 }, null, { id: 'ok', x: 1, y: Infinity }] });
    const view = readPresence(b, EMPTY_PRESENCE);
    expect(view.cursors).toEqual([]);
    expect(view.remoteDrags.size).toBe(0);
  });
});

describe('presence broadcast', () => {
  it('a busy pointer never starves a drag: both go out together at the fixed rate', () => {
    vi.useFakeTimers();
    let t = 0;
    const { a, b } = pair();
    a.setLocalState(person('Grace'));
    const broadcast = new PresenceBroadcast(a, BROADCAST_INTERVAL_MS, () => t);
    const seen: { cursor: unknown; drag: unknown }[] = [];
    b.on('change', () => {
      const s = b.getStates().get(a.clientID) as PresenceState;
      seen.push({ cursor: s.cursor, drag: s.drag });
    });
    // 2 s of pointer moves every 8 ms, with the drag reported on every one of them.
    for (t = 0; t < 2000; t += 8) {
      broadcast.set({ cursor: { x: t, y: 0 } });
      broadcast.set({ drag: [{ id: 'c1', x: t, y: 0 }] });
      vi.advanceTimersByTime(8);
    }
    expect(seen.length).toBeGreaterThanOrEqual(2000 / BROADCAST_INTERVAL_MS - 2);
    expect(seen.length).toBeLessThanOrEqual(2000 / BROADCAST_INTERVAL_MS + 2);
    const drags = seen.map((s) => (s.drag as { x: number }[] | null)?.[0]?.x);
    expect(new Set(drags).size).toBe(seen.length);
    // The end of a drag goes out at once.
    broadcast.set({ drag: null }, true);
    expect((b.getStates().get(a.clientID) as PresenceState).drag).toBeNull();
    broadcast.destroy();
  });
});
