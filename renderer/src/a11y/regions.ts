// The workspace's main regions, in the order F6 visits them and the skip links list them. Each
// region's element carries the id named here.
import { flushSync } from 'react-dom';
import { setPanel, type PanelName } from '../layout/panel-prefs';

export interface WorkspaceRegion {
  label: string;
  id: string;
  /** where focus goes inside the region, tried in order, rather than the region itself */
  focusInside?: readonly string[];
  /** only on the page while a dot vote is open */
  whileVoting?: boolean;
  /**
   * the collapsible panel the region lives in: while it is collapsed, F6 lands on the panel's
   * visible control (which says it is collapsed, and opens it), and a skip link opens it
   */
  panel?: PanelName;
}

/** The visible control that collapses and brings back a panel (layout/PanelToggle.tsx). */
export const panelToggle = (panel: PanelName): HTMLElement | null => document.querySelector<HTMLElement>(`.panel-toggle-${panel}`);

const shown = (el: HTMLElement | null): el is HTMLElement => !!el && el.getClientRects().length > 0;

export const workspaceRegions: readonly WorkspaceRegion[] = [
  { label: 'Board tools', id: 'board-tools', focusInside: ['select', 'button:not([disabled])'] },
  { label: 'Board', id: 'board' },
  { label: 'Intervention menu', id: 'intervention-menu', panel: 'menu' },
  { label: 'Plan', id: 'plan' },
  { label: 'Dot vote', id: 'dot-vote', focusInside: ['button:not([disabled])'], whileVoting: true },
  { label: 'Side panel', id: 'side-panel', focusInside: ['[role="tab"][aria-selected="true"]'], panel: 'side' },
  { label: 'Participants', id: 'participants', panel: 'side' },
  // A facilitator lands on their controls (lock, bring everyone, vote, present), past the timer.
  { label: 'Facilitation', id: 'facilitation', focusInside: ['[aria-label="Facilitator controls"] button:not([disabled])', 'button:not([disabled])'] },
];

/**
 * Moves focus into a region; returns false where the region is not on the page. A region whose
 * panel is collapsed gives focus to the panel's control instead, or, with `open` (a skip link,
 * which says where the person wants to be), is opened first.
 */
export function focusRegion(region: WorkspaceRegion, { open = false } = {}): boolean {
  let el = document.getElementById(region.id);
  if (region.panel && !shown(el)) {
    const toggle = panelToggle(region.panel);
    if (!shown(toggle)) return false;
    if (!open) {
      toggle.focus();
      return document.activeElement === toggle;
    }
    flushSync(() => setPanel(region.panel!, true));
    el = document.getElementById(region.id);
  }
  if (!el) return false;
  const inside = region.focusInside?.map((s) => el.querySelector<HTMLElement>(s)).find(Boolean) ?? null;
  const target = inside ?? el;
  // A region that is not itself focusable becomes a focus target without joining the Tab order.
  if (!inside && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return document.activeElement === target;
}

/**
 * The region that holds the focused element (the innermost, as regions can nest), or -1. The
 * control of a collapsed panel stands for the panel's first region.
 */
export function currentRegionIndex(active: Element | null = document.activeElement): number {
  const collapsed = workspaceRegions.findIndex((r) => r.panel && active === panelToggle(r.panel) && !shown(document.getElementById(r.id)));
  if (collapsed >= 0) return workspaceRegions.findLastIndex((r) => r.panel === workspaceRegions[collapsed]!.panel);
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
  const active = document.activeElement;
  for (let step = 1; step <= n; step++) {
    const i = (((from + (backwards ? -step : step)) % n) + n) % n;
    const r = workspaceRegions[i]!;
    // A collapsed panel's regions share one control: it is visited once.
    if (r.panel && active === panelToggle(r.panel) && !shown(document.getElementById(r.id))) continue;
    if (focusRegion(r)) return;
  }
}

/**
 * Opens or collapses a panel from the keyboard. Opened from its control (`enter`), the panel takes
 * the focus, on its first field (the menu's search box); opened by its shortcut, the focus stays
 * where the person is. Collapsed with the focus inside, it hands the focus to its control.
 */
export function togglePanelWithFocus(panel: PanelName, open: boolean, { enter = false } = {}): void {
  const first = workspaceRegions.find((r) => r.panel === panel);
  const el = first ? document.getElementById(first.id) : null;
  const hadFocus = !!el && el.contains(document.activeElement);
  flushSync(() => setPanel(panel, open));
  if (open && enter && first) {
    const field = document.getElementById(first.id)?.querySelector<HTMLElement>('input, [role="tab"][aria-selected="true"]');
    if (field) field.focus();
    else focusRegion(first);
  } else if (!open && hadFocus) panelToggle(panel)?.focus();
}
