// The relay's History endpoints (facilitator's token only; the relay refuses anyone else).
import { call } from '../lib/api';
import type { RestorePoint, PointPreview } from '../../../shared/history';

export type { RestorePoint, PointPreview };

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export async function listPoints(id: string, token: string): Promise<RestorePoint[]> {
  return (await call<{ points: RestorePoint[] }>(`api/workshops/${id}/history`, { headers: auth(token) })).points;
}

export async function createPoint(id: string, token: string): Promise<RestorePoint> {
  return (await call<{ point: RestorePoint }>(`api/workshops/${id}/history`, { method: 'POST', headers: auth(token) })).point;
}

export function previewPoint(id: string, token: string, pointId: number): Promise<PointPreview> {
  return call<PointPreview>(`api/workshops/${id}/history/${pointId}`, { headers: auth(token) });
}

export function restorePoint(id: string, token: string, pointId: number): Promise<{ restored: number; before: RestorePoint }> {
  return call(`api/workshops/${id}/history/${pointId}/restore`, { method: 'POST', headers: auth(token) });
}
