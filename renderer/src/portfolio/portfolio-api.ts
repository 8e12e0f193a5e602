// Fetches the host's portfolio (the host decides who may see it).
import type { WorkshopSummary } from '../../../shared/export/portfolio';
import { hostKeyHeaders, hostKeyRefused } from '../lib/host-key';

export async function fetchPortfolio(): Promise<WorkshopSummary[]> {
  let res: Response;
  try {
    res = await fetch('api/portfolio', { headers: hostKeyHeaders() });
  } catch {
    throw new Error('The host could not be reached. Check the connection and try again.');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string; workshops?: WorkshopSummary[] };
  if (res.status === 401) throw new Error(hostKeyRefused());
  if (!res.ok) throw new Error(body.error ? `The host refused: ${body.error}` : `The host answered ${res.status}.`);
  return body.workshops ?? [];
}
