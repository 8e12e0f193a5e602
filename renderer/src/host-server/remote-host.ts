// "Host on a server": the facilitator's own device talks to a host on the internet (`npm run
// serve` or the Docker image) with its host key, creates the workshop there, and can fetch the
// workshop file back. The server address and key are remembered on this device only; the key is
// sent only in the Authorization header to that server and never shown in messages or logs.
import { z } from 'zod';
import type { WorkshopMeta } from '../../../shared/doc/layout';
import type { CreatedWorkshop } from '../lib/api';

const SETTINGS_KEY = 'slc.hostServer';

const settingsSchema = z.object({ address: z.string(), hostKey: z.string() });
export type ServerSettings = z.infer<typeof settingsSchema>;

export function loadServerSettings(): ServerSettings | null {
  try {
    const r = settingsSchema.safeParse(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null'));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function saveServerSettings(settings: ServerSettings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

export function forgetServerSettings(): void {
  localStorage.removeItem(SETTINGS_KEY);
}

/**
 * The server's origin from what the facilitator typed ("canvas.example.org", a full link, with or
 * without https://). Throws a sentence for anything that is not a web address.
 */
export function serverOrigin(input: string): string {
  const text = input.trim();
  if (!text) throw new Error('Enter the server’s address, like https://canvas.example.org.');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error('That is not a web address. Enter it like https://canvas.example.org.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The server’s address must start with https://.');
  return url.origin;
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (res.status === 401) throw new Error('The server did not accept the host key. Check it with whoever runs the server.');
  if (!res.ok) throw new Error(body.error ? `The server refused: ${body.error}` : `The server answered ${res.status}.`);
  return body as T;
}

async function reach(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new Error('The server could not be reached. Check its address and this device’s connection.');
  }
}

export async function createOnServer(settings: ServerSettings, meta: Omit<WorkshopMeta, 'schemaVersion'>): Promise<CreatedWorkshop> {
  const origin = serverOrigin(settings.address);
  const res = await reach(`${origin}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.hostKey.trim()}` },
    body: JSON.stringify(meta),
  });
  return answer<CreatedWorkshop>(res);
}

/** Adds a workshop file to the server (which checks it fully and gives it new links). */
export async function importToServer(settings: ServerSettings, file: Blob): Promise<CreatedWorkshop & { title: string }> {
  const res = await reach(`${serverOrigin(settings.address)}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${settings.hostKey.trim()}` },
    body: file,
  });
  return answer<CreatedWorkshop & { title: string }>(res);
}

/** The workshop's .slcanvas file from the server, with the facilitator's token. */
export async function downloadFromServer(address: string, id: string, token: string): Promise<Blob> {
  const res = await reach(`${serverOrigin(address)}/api/workshops/${encodeURIComponent(id)}/file`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) await answer(res);
  return res.blob();
}
