// "Start from the worked example" is applied once the new workshop's board has synced, by the
// person who created it; the request survives the navigation in sessionStorage.
const KEY = 'slc.pendingSample';

export function requestSampleLoad(workshopId: string): void {
  sessionStorage.setItem(KEY, workshopId);
}

export function takeSampleRequest(workshopId: string): boolean {
  if (sessionStorage.getItem(KEY) !== workshopId) return false;
  sessionStorage.removeItem(KEY);
  return true;
}
