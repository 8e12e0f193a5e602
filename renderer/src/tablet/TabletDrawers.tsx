// On a tablet the intervention menu and the side panel become drawers, so the board keeps the
// screen. Their two buttons sit in a bar of their own under the board and the plan (never over
// the plan's rows), each at the edge its drawer slides in from; an open drawer covers the bar, so
// the other button never sits on top of it. The open drawer has a visible Close button; a tap
// outside or Escape closes it too. Above the tablet width the bar is hidden and nothing changes.
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
  const buttons = useRef<Record<Exclude<Drawer, null>, HTMLButtonElement | null>>({ menu: null, side: null });
  /** Closing by the drawer's own button gives focus back to the button that opened it. */
  const close = () => {
    const was = open;
    setOpen(null);
    if (was) buttons.current[was]?.focus();
  };
  return (
    <div ref={ref} className="drawer-toggles" role="toolbar" aria-label="Drawers">
      <button
        ref={(b) => {
          buttons.current.menu = b;
        }}
        type="button"
        className="btn drawer-toggle drawer-toggle-menu"
        aria-expanded={open === 'menu'}
        aria-controls="intervention-menu"
        onClick={() => toggle('menu')}
      >
        Intervention menu
      </button>
      <button
        ref={(b) => {
          buttons.current.side = b;
        }}
        type="button"
        className="btn drawer-toggle drawer-toggle-side"
        aria-expanded={open === 'side'}
        aria-controls="side-panel"
        onClick={() => toggle('side')}
      >
        Participants and details
      </button>
      {open && <div className="drawer-backdrop" aria-hidden="true" onClick={() => setOpen(null)} />}
      {open && (
        <button type="button" className={`btn drawer-close drawer-close-${open}`} onClick={close}>
          <span aria-hidden="true">×</span> Close<span className="visually-hidden">{open === 'menu' ? ' Intervention menu' : ' Participants and details'}</span>
        </button>
      )}
    </div>
  );
}
