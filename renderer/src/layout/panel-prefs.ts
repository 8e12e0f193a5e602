// Which of the workspace's panels are open: the intervention menu, the side panel and the plan
// collapse so the board can take the screen, and the choice is remembered for this person (this
// browser profile). The focus view (board and timer only, for a projector) lasts until it is left.
import { useSyncExternalStore } from 'react';
import { z } from 'zod';

const KEY = 'slc.panels';
const schema = z.object({ menu: z.boolean(), side: z.boolean(), plan: z.boolean() });
export type PanelName = keyof z.infer<typeof schema>;
export interface PanelState extends z.infer<typeof schema> {
  focus: boolean;
}

/**
 * Open by default: the side panel (participants and the details of what is selected) and the
 * plan; the intervention menu starts collapsed, since it is needed only while interventions are
 * being chosen, and its column is worth more to the board the rest of the time.
 */
const DEFAULTS = { menu: false, side: true, plan: true };

function load(): PanelState {
  try {
    const parsed = schema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    return { ...(parsed.success ? parsed.data : DEFAULTS), focus: false };
  } catch {
    return { ...DEFAULTS, focus: false };
  }
}

let state: PanelState = load();
const listeners = new Set<() => void>();

function set(next: PanelState) {
  state = next;
  const { menu, side, plan } = next;
  try {
    localStorage.setItem(KEY, JSON.stringify({ menu, side, plan }));
  } catch {
    // A browser that refuses storage still collapses panels, it just forgets them.
  }
  for (const l of listeners) l();
}

/** Whether a panel is open now (outside React). */
export const panelOpen = (name: PanelName) => state[name];
export const togglePanel = (name: PanelName) => set({ ...state, [name]: !state[name] });
export const setPanel = (name: PanelName, open: boolean) => state[name] !== open && set({ ...state, [name]: open });
export const toggleFocusView = () => set({ ...state, focus: !state.focus });
export const leaveFocusView = () => state.focus && set({ ...state, focus: false });

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export function usePanels(): PanelState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
