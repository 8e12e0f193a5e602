import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../server/history-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const ID = 'abcdefghijklmnopqrst';
const summary = { cardsAdded: [], cardsRemoved: [], itemsAdded: [], itemsRemoved: [], changed: 0 };

function store(budget: { maxPoints: number; maxBytes: number; keepRecent: number }): HistoryStore {
  const dir = mkdtempSync(join(tmpdir(), 'slc-history-'));
  dirs.push(dir);
  return new HistoryStore(dir, budget);
}

describe('restore points within a disk budget', () => {
  it('keeps at most maxPoints: the newest always, the oldest as long as possible, older ones thinned where densest', () => {
    const s = store({ maxPoints: 6, maxBytes: 1e9, keepRecent: 3 });
    // Ten points a minute apart, except points 2-4 only seconds apart (a burst).
    const times = [0, 60, 61, 62, 63, 120, 180, 240, 300, 360].map((t) => t * 1000);
    for (const at of times) s.add(ID, { at, reason: 'auto', by: [], summary }, new Uint8Array(10));
    const kept = s.list(ID).map((p) => p.at / 1000);
    expect(kept).toHaveLength(6);
    expect(kept.slice(0, 3)).toEqual([360, 300, 240]);
    expect(kept).toContain(0);
    // The burst was thinned first.
    expect(kept.filter((t) => t >= 60 && t <= 63).length).toBeLessThanOrEqual(1);
  });

  it('keeps the bytes of snapshots under maxBytes, dropping from the old end', () => {
    const s = store({ maxPoints: 100, maxBytes: 1000, keepRecent: 2 });
    for (let i = 0; i < 8; i++) s.add(ID, { at: i * 1000, reason: 'auto', by: [], summary }, new Uint8Array(300));
    const kept = s.list(ID);
    expect(kept.reduce((n, p) => n + p.bytes, 0)).toBeLessThanOrEqual(1000);
    expect(kept[0]!.at).toBe(7000);
    expect(s.latest(ID)!.state.byteLength).toBe(300);
  });
});
