// Calls to the relay's JSON API (same origin as the page).
import type { WorkshopMeta } from '../../../shared/doc/layout';
import type { WorkshopTemplate } from '../../../shared/doc/template';
import type { HostReach } from '../../../shared/invite-address';
import { hostKeyHeaders, hostKeyRefused } from './host-key';

export interface CreatedWorkshop {
  id: string;
  tokens: { facilitator: string; participant: string; viewer: string };
}

/** `hostLevel`: creating or importing, which a host on a server allows only with its key (see host-key.ts). */
export async function call<T>(path: string, init?: RequestInit, hostLevel = false): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...(hostLevel ? hostKeyHeaders() : {}), ...init?.headers } });
  } catch {
    throw new Error('The host could not be reached. Check the connection and try again.');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (hostLevel && res.status === 401) throw new Error(hostKeyRefused());
  if (!res.ok) throw new Error(body.error ? `The host refused: ${body.error}` : `The host answered ${res.status}.`);
  return body as T;
}

/** What a new workshop starts with; the host writes it in before anyone opens the workshop. */
export type StartFrom = 'empty' | 'worked-example' | { template: WorkshopTemplate };

export function createWorkshop(meta: Omit<WorkshopMeta, 'schemaVersion'>, startFrom: StartFrom = 'empty'): Promise<CreatedWorkshop> {
  return call<CreatedWorkshop>('api/workshops', { method: 'POST', body: JSON.stringify(startFrom === 'empty' ? meta : { ...meta, startFrom }) }, true);
}

export function rotateLink(id: string, facilitatorToken: string, role: 'facilitator' | 'participant' | 'viewer'): Promise<{ token: string }> {
  return call(`api/workshops/${id}/rotate`, { method: 'POST', headers: { authorization: `Bearer ${facilitatorToken}` }, body: JSON.stringify({ role }) });
}

export interface WorkshopLinks {
  participant: string;
  viewer: string;
  /** short codes to type instead of the links; null once the facilitator stopped them (a withdrawn and renewed link has a new one) */
  codes: { participant: string | null; viewer: string | null };
  /** where the host can be reached; absent from a host older than this page */
  reach?: HostReach | null;
}

/** Finds the workshop a short code (like K7QP-M2XD) stands for on this host. */
export function lookUpCode(code: string): Promise<{ id: string; role: string; token: string }> {
  return call(`api/join/${encodeURIComponent(code.trim())}`);
}

/** The facilitator stops inviting: the short codes stop working at once (the links still do). */
export function stopCodes(id: string, facilitatorToken: string): Promise<{ withdrawn: boolean }> {
  return call(`api/workshops/${id}/codes`, { method: 'DELETE', headers: { authorization: `Bearer ${facilitatorToken}` } });
}

export function fetchLinks(id: string, token: string): Promise<WorkshopLinks> {
  return call(`api/workshops/${id}/links`, { headers: { authorization: `Bearer ${token}` } });
}

/** Uploads a .slcanvas file; the host checks it fully before adding it. */
export async function importWorkshop(file: Blob): Promise<CreatedWorkshop & { title: string }> {
  let res: Response;
  try {
    res = await fetch('api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...hostKeyHeaders() }, body: file });
  } catch {
    throw new Error('The host could not be reached. Check the connection and try again.');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (res.status === 401) throw new Error(hostKeyRefused());
  if (!res.ok) throw new Error(body.error ?? `The host answered ${res.status}.`);
  return body as CreatedWorkshop & { title: string };
}

/** The workshop as a .slcanvas file, for keeping or emailing. */
export async function downloadWorkshopFile(id: string, token: string): Promise<Blob> {
  const res = await fetch(`api/workshops/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The host answered ${res.status}.`);
  }
  return res.blob();
}
