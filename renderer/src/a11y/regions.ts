// The workspace's main regions, in the order F6 visits them and the skip links list them. Each is
// found by the accessible name it already has, so the list never drifts from what a screen
// reader announces.
export interface WorkspaceRegion {
  label: string;
  selector: string;
  /** where focus goes inside the region (its first control), rather than the region itself */
  focusInside?: string;
}

export const workspaceRegions: readonly WorkspaceRegion[] = [
  { label: 'Board tools', selector: '[role="toolbar"][aria-label="Start Anywhere cards"]', focusInside: 'select, button:not([disabled])' },
  { label: 'Board', selector: '[aria-label="Workshop board"]' },
  { label: 'Intervention menu', selector: '[aria-label="Intervention menu"]' },
  { label: 'Plan', selector: 'section:has(table[aria-label="Plan"]), [aria-labelledby="plan-heading"]' },
  { label: 'Side panel', selector: 'aside.side [role="tablist"]', focusInside: '[role="tab"][aria-selected="true"]' },
  { label: 'Participants', selector: '[aria-label="Participants"]' },
];

/** Moves focus into a region; returns false where the region is not on the page. */
export function focusRegion(region: WorkspaceRegion): boolean {
  const el = document.querySelector<HTMLElement>(region.selector);
  if (!el) return false;
  const inside = region.focusInside ? el.querySelector<HTMLElement>(region.focusInside) : null;
  const target = inside ?? el;
  // A region that is not itself focusable becomes a focus target without joining the Tab order.
  if (!inside && target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return document.activeElement === target;
}

/** The region that holds the focused element (the innermost match), or -1. */
export function currentRegionIndex(active: Element | null = document.activeElement): number {
  if (!active) return -1;
  let found = -1;
  workspaceRegions.forEach((r, i) => {
    const el = document.querySelector(r.selector);
    // Regions can nest (the board tools sit inside the board): keep the innermost match.
    if (el?.contains(active) && (found < 0 || document.querySelector(workspaceRegions[found]!.selector)?.contains(el))) found = i;
  });
  return found;
}

/** F6 and Shift+F6: the next (or previous) region that is on the page. */
export function cycleRegion(backwards: boolean): void {
  const n = workspaceRegions.length;
  const start = currentRegionIndex();
  for (let step = 1; step <= n; step++) {
    const i = ((((start < 0 ? (backwards ? 0 : -1) : start) + (backwards ? -step : step)) % n) + n) % n;
    if (focusRegion(workspaceRegions[i]!)) return;
  }
}
