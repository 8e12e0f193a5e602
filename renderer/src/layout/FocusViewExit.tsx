// The way out of the focus view: a visible button over the board, and Escape.
import { useEffect } from 'react';
import { leaveFocusView, usePanels } from './panel-prefs';

export function FocusViewExit() {
  const { focus } = usePanels();
  useEffect(() => {
    if (!focus) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) leaveFocusView();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focus]);
  if (!focus) return null;
  return (
    <button type="button" className="btn btn-sm focus-exit" onClick={leaveFocusView}>
      Leave focus view
    </button>
  );
}
