import { describe, expect, it } from 'vitest';
import { REPEAT_LOG_MS, SaveHealth, type SaveProblem } from './save-health';

const A = 'aaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbb';

function setup(titles: Record<string, string> = { [A]: 'Discharge to assess', [B]: 'Winter plan' }) {
  const clock = { now: 1_800_000_000_000 };
  const logged: string[] = [];
  const shown: SaveProblem[] = [];
  const health = new SaveHealth({
    titleOf: (id) => {
      if (!(id in titles)) throw new Error('SQLITE_IOERR');
      return titles[id]!;
    },
    log: (line) => void logged.push(line),
    showProblem: (p) => void shown.push(p),
    now: () => clock.now,
  });
  return { health, clock, logged, shown };
}

describe('SaveHealth', () => {
  it('on the first failure: one dialog saying which workshop and why, and a log line', () => {
    const { health, logged, shown, clock } = setup();
    health.report({ workshopId: A, ok: false, error: 'ENOSPC: no space left on device' });
    expect(shown).toEqual([{ workshopId: A, title: 'Discharge to assess', error: 'ENOSPC: no space left on device', since: clock.now }]);
    expect(logged).toEqual([`The host cannot save “Discharge to assess” (${A}): ENOSPC: no space left on device`]);
    expect(health.problems()).toEqual(shown);
  });

  it('does not repeat the dialog while saving keeps failing, and logs a repeating failure at most once a minute', () => {
    const { health, logged, shown, clock } = setup();
    health.report({ workshopId: A, ok: false, error: 'ENOSPC: no space left on device' });
    for (let i = 0; i < 20; i++) {
      clock.now += 1000;
      health.report({ workshopId: A, ok: false, error: 'ENOSPC: no space left on device' });
    }
    expect(logged).toHaveLength(1);
    clock.now += REPEAT_LOG_MS;
    health.report({ workshopId: A, ok: false, error: 'ENOSPC: no space left on device' });
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/still cannot save “Discharge to assess” .* after 22 attempts: ENOSPC/);
    // A different reason is news for the log at once, but not another dialog.
    health.report({ workshopId: A, ok: false, error: 'EIO: i/o error' });
    expect(logged[2]).toMatch(/still cannot save .*, now: EIO: i\/o error$/);
    health.report({ workshopId: B, ok: false, error: 'EIO: i/o error' });
    expect(logged[3]).toMatch(/cannot save “Winter plan”/);
    expect(shown).toHaveLength(1);
    expect(health.problems().map((p) => p.workshopId)).toEqual([A, B]);
  });

  it('logs recovery, forgets the problem, and a later failure gets its own dialog', () => {
    const { health, logged, shown } = setup();
    health.report({ workshopId: A, ok: true });
    expect(logged).toEqual([]);
    health.report({ workshopId: A, ok: false, error: 'EROFS: read-only file system' });
    health.report({ workshopId: B, ok: false, error: 'EROFS: read-only file system' });
    health.report({ workshopId: A, ok: true });
    expect(logged.at(-1)).toMatch(/Saving “Discharge to assess” .* works again after 1 failed attempt/);
    expect(health.problems().map((p) => p.workshopId)).toEqual([B]);
    // B still fails: the spell is not over, so no new dialog for A failing again.
    health.report({ workshopId: A, ok: false, error: 'EROFS: read-only file system' });
    expect(shown).toHaveLength(1);
    health.report({ workshopId: A, ok: true });
    health.report({ workshopId: B, ok: true });
    expect(health.problems()).toEqual([]);
    health.report({ workshopId: B, ok: false, error: 'ENOSPC: no space left on device' });
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatchObject({ workshopId: B, error: 'ENOSPC: no space left on device' });
  });

  it('names the workshop by its id when its title cannot be read, and gives a reason when the relay gave none', () => {
    const { health, shown } = setup({});
    health.report({ workshopId: A, ok: false });
    expect(shown[0]).toMatchObject({ title: A, error: 'the workshop could not be written to disk' });
  });
});
