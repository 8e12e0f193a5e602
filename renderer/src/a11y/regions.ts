// The workspace's main regions, in the order F6 visits them and the skip links list them. Each
// region's element carries the id named here.
export interface WorkspaceRegion {
  label: string;
  id: string;
  /** where focus goes inside the region, tried in order, rather than the region itself */
  focusInside?: readonly string[];
  /** only on the page while a dot vote is open */
  whileVoting?: boolean;
}

export const workspaceRegions: readonly WorkspaceRegion[] = [
  { label: 'Board tools', id: 'board-tools', focusInside: ['select', 'button:not([disabled])'] },
  { label: 'Board', id: 'board' },
  { label: 'Intervention menu', id: 'intervention-menu' },
  { label: 'Plan', id: 'plan' },
  { label: 'Dot vote', id: 'dot-vote', focusInside: ['button:not([disabled])'], whileVoting: true },
  { label: 'Side panel', id: 'side-panel', focusInside: ['[role="tab"][aria-selected="true"]'] },
  { label: 'Participants', id: 'participants' },
  // A facilitator lands on their controls (lock, bring everyone, vote, present), past the timer.
  { label: 'Facilitation', id: 'facilitation', focusInside: ['[aria-label="Facilitator controls"] button:not([disabled])', 'button:not([disabled])'] },
];

/** Moves focus into a region; returns false where the region is not on the page. */
export function focusRegion(region: WorkspaceRegion): boolean {
  const el = document.getElementById(region.id);
  if (!el) return false;
  const inside = region.focusInside?.map((s) => el.querySelector<HTMLElement>(s)).find(Boolean) ?? null;
  const target = inside ?? el;
  // A region that is not itself focusable becomes a focus target without joining the Tab order.
  if (!inside && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return document.activeElement === target;
}

/** The region that holds the focused element (the innermost, as regions can nest), or -1. */
export function currentRegionIndex(active: Element | null = document.activeElement): number {
  let found = -1;
  let foundEl: HTMLElement | null = null;
  workspaceRegions.forEach((r, i) => {
    const el = document.getElementById(r.id);
    if (el && active && el.contains(active) && (!foundEl || foundEl.contains(el))) {
      found = i;
      foundEl = el;
    }
  });
  return found;
}

/** F6 and Shift+F6: the next (or previous) region that is on the page. */
export function cycleRegion(backwards: boolean): void {
  const n = workspaceRegions.length;
  const start = currentRegionIndex();
  const from = start < 0 ? (backwards ? 0 : n - 1) : start;
  for (let step = 1; step <= n; step++) {
    const i = (((from + (backwards ? -step : step)) % n) + n) % n;
    if (focusRegion(workspaceRegions[i]!)) return;
  }
}
