// A visible control that collapses or brings back one of the workspace's panels. Its name stays
// the same and aria-expanded says which way it is, as for any disclosure.
import { togglePanel, usePanels, type PanelName } from './panel-prefs';
import { togglePanelWithFocus } from '../a11y/regions';

const controls: Record<PanelName, string> = { menu: 'intervention-menu', side: 'side-panel', plan: 'plan-body' };

export function PanelToggle({ panel, name, keys, hint, icon }: { panel: PanelName; name: string; keys: string; hint: string; icon: React.ReactNode }) {
  const open = usePanels()[panel];
  return (
    <button
      type="button"
      className={`btn btn-sm panel-toggle panel-toggle-${panel}${open ? ' is-open' : ''}`}
      aria-expanded={open}
      aria-controls={controls[panel]}
      aria-keyshortcuts={keys}
      title={`${open ? 'Hide' : 'Show'} the ${name.toLowerCase()} (${hint})`}
      // From the keyboard (a click with no pointer), the opened panel takes the focus.
      onClick={(e) => (e.detail === 0 && panel !== 'plan' ? togglePanelWithFocus(panel, !open, { enter: true }) : togglePanel(panel))}
    >
      {icon}
      <span className="panel-toggle-name">{name}</span>
    </button>
  );
}
