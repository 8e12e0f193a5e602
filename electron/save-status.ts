// What the relay utility process tells the main process about saving, in one place for both
// sides: the relay's own report (RelayOptions.onSaveStatus) as a message, and the main's check
// of it (it is another process's word, so every field is checked).
import type { RelayOptions } from '../server/relay';
import { WORKSHOP_ID_PATTERN } from '../shared/protocol';

export type SaveStatus = Parameters<NonNullable<RelayOptions['onSaveStatus']>>[0];
export type SaveStatusMessage = { type: 'save-status' } & SaveStatus;

/** Longest error text passed on: enough for any system message, not a flood. */
export const MAX_SAVE_ERROR_CHARS = 1000;

export function saveStatusMessage(status: SaveStatus): SaveStatusMessage {
  const message: SaveStatusMessage = { type: 'save-status', workshopId: status.workshopId, ok: status.ok };
  if (!status.ok) message.error = (status.error || 'the workshop could not be written to disk').slice(0, MAX_SAVE_ERROR_CHARS);
  return message;
}

export function isSaveStatusMessage(m: unknown): m is SaveStatusMessage {
  if (!m || typeof m !== 'object') return false;
  const { type, workshopId, ok, error } = m as Record<string, unknown>;
  if (type !== 'save-status' || typeof workshopId !== 'string' || !WORKSHOP_ID_PATTERN.test(workshopId) || typeof ok !== 'boolean') return false;
  return error === undefined || (typeof error === 'string' && error.length <= MAX_SAVE_ERROR_CHARS);
}
