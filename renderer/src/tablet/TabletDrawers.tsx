// On a tablet the intervention menu and the side panel become drawers, so the board keeps the
// screen: one button at each edge opens its drawer over the board, and a tap outside, Escape or
// the button again closes it. Above the tablet width the buttons are hidden and nothing changes.
import { useEffect, useRef, useState } from 'react';

type Drawer = 'menu' | 'side' | null;

export function TabletDrawers() {
  const [open, setOpen] = useState<Drawer>(null);
  const ref = useRef<HTMLDivElement>(null);

  // The drawers are the workspace's own panels; the workspace carries which one is open.
  useEffect(() => {
    const workspace = ref.current?.closest<HTMLElement>('.workspace');
    if (!workspace) return;
    if (open) workspace.dataset.drawer = open;
    else delete workspace.dataset.drawer;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOpen(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const toggle = (d: Exclude<Drawer, null>) => setOpen((now) => (now === d ? null : d));
  return (
    <div ref={ref} className="drawer-toggles">
      <button type="button" className="btn drawer-toggle drawer-toggle-menu" aria-expanded={open === 'menu'} onClick={() => toggle('menu')}>
        Intervention menu
      </button>
      <button type="button" className="btn drawer-toggle drawer-toggle-side" aria-expanded={open === 'side'} onClick={() => toggle('side')}>
        Participants and details
      </button>
      {open && <div className="drawer-backdrop" aria-hidden="true" onClick={() => setOpen(null)} />}
    </div>
  );
}
