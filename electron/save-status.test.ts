import { describe, expect, it, vi } from 'vitest';
import { isSaveStatusMessage, MAX_SAVE_ERROR_CHARS, saveStatusMessage } from './save-status';
import type { RelayOptions } from '../server/relay';

const relayStub = vi.hoisted(() => ({ options: null as null | RelayOptions }));
vi.mock('../server/relay', () => ({
  startRelay: async (options: RelayOptions) => {
    relayStub.options = options;
    return { url: 'http://127.0.0.1:47123', port: 47123, close: async () => {} };
  },
}));
vi.mock('electron', () => ({}));

const id = 'abcdefghij0123456789';

describe('save status messages', () => {
  it('carry the workshop, whether it saves, and a bounded reason', () => {
    expect(saveStatusMessage({ workshopId: id, ok: true, error: 'ignored when ok' })).toEqual({ type: 'save-status', workshopId: id, ok: true });
    expect(saveStatusMessage({ workshopId: id, ok: false, error: 'EIO' })).toEqual({ type: 'save-status', workshopId: id, ok: false, error: 'EIO' });
    expect(saveStatusMessage({ workshopId: id, ok: false }).error).toBe('the workshop could not be written to disk');
    const long = saveStatusMessage({ workshopId: id, ok: false, error: 'x'.repeat(10_000) });
    expect(long.error).toHaveLength(MAX_SAVE_ERROR_CHARS);
    expect(isSaveStatusMessage(long)).toBe(true);
  });

  it('are checked field by field on arrival', () => {
    expect(isSaveStatusMessage({ type: 'save-status', workshopId: id, ok: true })).toBe(true);
    for (const bad of [null, 'save-status', { type: 'listening' }, { type: 'save-status', workshopId: 'X', ok: true }, { type: 'save-status', workshopId: id }])
      expect(isSaveStatusMessage(bad), JSON.stringify(bad)).toBe(false);
  });
});

describe('the relay utility process', () => {
  it('hands the relay an onSaveStatus that tells the main process', async () => {
    const { runRelayProcess } = await import('./relay-process');
    const sent: unknown[] = [];
    await runRelayProcess({ postMessage: (m) => void sent.push(m), on: () => {} }, { SLC_DATA_DIR: '/d', SLC_STATIC_DIR: '/s' }, () => {});
    expect(relayStub.options?.onSaveStatus).toBeTypeOf('function');
    relayStub.options!.onSaveStatus!({ workshopId: id, ok: false, error: 'ENOSPC: no space left on device' });
    relayStub.options!.onSaveStatus!({ workshopId: id, ok: true });
    expect(sent).toEqual([
      { type: 'listening', url: 'http://127.0.0.1:47123', port: 47123 },
      { type: 'save-status', workshopId: id, ok: false, error: 'ENOSPC: no space left on device' },
      { type: 'save-status', workshopId: id, ok: true },
    ]);
  });
});
