// The board's own bar: the card tools, and the controls that give the board the screen (the
// intervention menu, the side panel, the focus view for a projector).
import { TablesButton } from '../tables/TablesButton';
import { CallFacilitatorButton } from '../tables/TableCalls';
import { CardToolbar } from '../board/CardToolbar';
import { PanelToggle } from './PanelToggle';
import { toggleFocusView } from './panel-prefs';

const icon = (d: string) => (
  <svg
    width="16"
    height="16"
    viewBox="0 0 20 20"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
  >
    <path d={d} />
  </svg>
);

export function BoardViewBar() {
  return (
    <div className="board-bar">
      <PanelToggle panel="menu" name="Intervention menu" keys="Alt+Shift+M" hint="Alt+Shift+M" icon={icon('M3 4h14v12H3zM8 4v12')} />
      <CardToolbar />
      <div className="board-bar-end">
        <CallFacilitatorButton />
        <TablesButton />
        <button
          type="button"
          className="btn btn-sm"
          aria-keyshortcuts="Alt+Shift+F"
          title="Board and timer only, for a projector (Alt+Shift+F; Escape leaves)"
          onClick={toggleFocusView}
        >
          {icon('M3 7V3h4M17 7V3h-4M3 13v4h4M17 13v4h-4')}
          <span className="focus-name">Focus view</span>
        </button>
        <PanelToggle panel="side" name="Side panel" keys="Alt+Shift+S" hint="Alt+Shift+S" icon={icon('M3 4h14v12H3zM12 4v12')} />
      </div>
    </div>
  );
}
