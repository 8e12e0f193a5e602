import { describe, expect, it, vi } from 'vitest';
import { QuitGuard, quitQuestionText, type QuitChoice, type QuitQuestion, type UnsavedFile } from './quit-guard';
import type { SaveProblem } from './save-health';

const file: UnsavedFile = { workshopId: 'aaaaaaaaaaaaaaaaaaaa', title: 'Discharge to assess', path: '/home/h/Discharge.slcanvas' };
const problem: SaveProblem = {
  workshopId: 'bbbbbbbbbbbbbbbbbbbb',
  title: 'Winter plan',
  error: 'ENOSPC: no space left on device',
  since: Date.UTC(2026, 10, 30, 8, 5),
};

function setup(state: { unsaved?: UnsavedFile | null; problems?: SaveProblem[]; choice?: QuitChoice; save?: () => Promise<string | null> }) {
  const asked: QuitQuestion[] = [];
  const o = {
    unsavedFile: vi.fn(() => state.unsaved ?? null),
    saveProblems: vi.fn(() => state.problems ?? []),
    ask: vi.fn(async (q: QuitQuestion) => {
      asked.push(q);
      return state.choice ?? 'cancel';
    }),
    save: vi.fn(state.save ?? (async () => file.path)),
    showError: vi.fn(),
    log: vi.fn(),
  };
  return { guard: new QuitGuard(o), o, asked };
}

describe('QuitGuard', () => {
  it('lets the app quit without asking when nothing would be left behind', async () => {
    const { guard, o } = setup({});
    expect(await guard.confirm()).toBe(true);
    expect(o.ask).not.toHaveBeenCalled();
    expect(guard.fileChangesDiscarded).toBe(false);
  });

  it('asks when the workshop’s file is behind its edits; Cancel keeps the app open and saves nothing', async () => {
    const { guard, o, asked } = setup({ unsaved: file, choice: 'cancel' });
    expect(await guard.confirm()).toBe(false);
    expect(asked).toEqual([{ unsavedFile: file, saveProblems: [] }]);
    expect(o.save).not.toHaveBeenCalled();
  });

  it('Save writes the file, then the app quits', async () => {
    const { guard, o } = setup({ unsaved: file, choice: 'save' });
    expect(await guard.confirm()).toBe(true);
    expect(o.save).toHaveBeenCalledWith({ unsavedFile: file, saveProblems: [] });
    expect(o.log).toHaveBeenCalledWith(`Saved “Discharge to assess” to ${file.path} before quitting.`);
    expect(guard.fileChangesDiscarded).toBe(false);
  });

  it('a Save that fails keeps the app open, says why, and logs it', async () => {
    const { guard, o } = setup({
      unsaved: file,
      choice: 'save',
      save: async () => {
        throw new Error('The workshop could not be saved to “Discharge.slcanvas”: ENOSPC: no space left on device');
      },
    });
    expect(await guard.confirm()).toBe(false);
    expect(o.showError).toHaveBeenCalledWith('The workshop could not be saved', expect.stringMatching(/ENOSPC[\s\S]*stays open, so nothing is lost/));
    expect(o.log).toHaveBeenCalledWith(expect.stringMatching(/^Saving before quitting failed: .*ENOSPC/));
  });

  it('a Save As… the person cancels keeps the app open', async () => {
    const { guard } = setup({ problems: [problem], choice: 'save', save: async () => null });
    expect(await guard.confirm()).toBe(false);
  });

  it('Don’t Save quits and marks the file to be left as it is', async () => {
    const { guard, o } = setup({ unsaved: file, choice: 'discard' });
    expect(await guard.confirm()).toBe(true);
    expect(guard.fileChangesDiscarded).toBe(true);
    expect(o.save).not.toHaveBeenCalled();
    expect(o.log).toHaveBeenCalledWith(`Quit without saving “Discharge to assess” to ${file.path}.`);
  });

  it('asks when the host cannot save, even with no file', async () => {
    const { guard, asked, o } = setup({ problems: [problem], choice: 'discard' });
    expect(await guard.confirm()).toBe(true);
    expect(asked[0]).toEqual({ unsavedFile: null, saveProblems: [problem] });
    expect(guard.fileChangesDiscarded).toBe(false);
    expect(o.log).toHaveBeenCalledWith('Quit without saving while the host could not save “Winter plan”.');
  });

  it('asks once when quitting is requested twice at once (Quit, then the window closing)', async () => {
    let answer!: (c: QuitChoice) => void;
    const { guard, o } = setup({ unsaved: file });
    o.ask.mockImplementationOnce(() => new Promise<QuitChoice>((r) => (answer = r)));
    const first = guard.confirm();
    const second = guard.confirm();
    answer('discard');
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(o.ask).toHaveBeenCalledTimes(1);
    // Asked again later, it asks again.
    o.ask.mockResolvedValueOnce('cancel');
    expect(await guard.confirm()).toBe(false);
    expect(o.ask).toHaveBeenCalledTimes(2);
  });
});

describe('quitQuestionText', () => {
  it('for a file behind its edits: names the workshop and the file, and what each button does', () => {
    const text = quitQuestionText({ unsavedFile: file, saveProblems: [] });
    expect(text.message).toBe('Save the changes to “Discharge to assess” before quitting?');
    expect(text.detail).toMatch(/“Discharge\.slcanvas” does not have the latest changes .* Save writes them to it; Don't Save leaves the file as it is/);
  });

  it('for a host that cannot save: says so, why, and that edits are kept', () => {
    const text = quitQuestionText({ unsavedFile: null, saveProblems: [problem, { ...problem, workshopId: 'cccccccccccccccccccc', title: 'Other' }] });
    expect(text.message).toBe('The host cannot save “Winter plan” and 1 other workshop. Quit anyway?');
    expect(text.detail).toContain('Why: ENOSPC: no space left on device');
    expect(text.detail).toMatch(/kept on each person's own device/);
    expect(text.detail).toMatch(/Save keeps a copy .* in a file you choose/);
  });
});
