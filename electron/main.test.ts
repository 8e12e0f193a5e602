import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({}));
vi.mock('./app', () => ({ runDesktopApp: async (options: unknown) => void calls.push(options) }));

describe('the entry point', () => {
  it('runs the desktop app from the folder it was bundled into', async () => {
    await import('./main');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ bundleDir: expect.stringMatching(/electron$/) });
  });
});
