// The workspace's keyboard shortcuts, listed once: the help dialog shows this list and the key
// handler acts on it. Letters alone are avoided (screen readers use them in browse mode); the
// shortcuts use Alt+Shift, F6 and "?", which NVDA, JAWS and VoiceOver leave to the page.
import { cycleRegion, togglePanelWithFocus } from './regions';
import { togglePanel, toggleFocusView, panelOpen } from '../layout/panel-prefs';

export interface Shortcut {
  keys: string;
  /** aria-keyshortcuts form */
  aria: string;
  does: string;
  matches?: (e: KeyboardEvent) => boolean;
  run?: () => void;
}

const clickButton = (name: string) => () => document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]:not([disabled])`)?.click();

const altShift = (code: string) => (e: KeyboardEvent) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === code;

export const shortcuts: readonly Shortcut[] = [
  { keys: '?', aria: 'Shift+?', does: 'Show these keyboard shortcuts' },
  {
    keys: 'F6 / Shift+F6',
    aria: 'F6',
    does: 'Move to the next / previous area: board tools, board, intervention menu, plan, dot vote, side panel, participants, facilitation',
    matches: (e) => e.key === 'F6' && !e.shiftKey,
    run: () => cycleRegion(false),
  },
  { keys: 'Shift+F6', aria: 'Shift+F6', does: '', matches: (e) => e.key === 'F6' && e.shiftKey, run: () => cycleRegion(true) },
  {
    keys: 'Alt+Shift+1',
    aria: 'Alt+Shift+1',
    does: 'Add a people card to the chosen domain',
    matches: altShift('Digit1'),
    run: clickButton('Add people card'),
  },
  { keys: 'Alt+Shift+2', aria: 'Alt+Shift+2', does: 'Add a priority card', matches: altShift('Digit2'), run: clickButton('Add priority card') },
  { keys: 'Alt+Shift+3', aria: 'Alt+Shift+3', does: 'Add a place card', matches: altShift('Digit3'), run: clickButton('Add place card') },
  { keys: 'Alt+Shift+4', aria: 'Alt+Shift+4', does: 'Add a purpose card', matches: altShift('Digit4'), run: clickButton('Add purpose card') },
  {
    keys: 'Alt+Shift+M',
    aria: 'Alt+Shift+M',
    does: 'Show or hide the intervention menu',
    matches: altShift('KeyM'),
    run: () => togglePanelWithFocus('menu', !panelOpen('menu')),
  },
  {
    keys: 'Alt+Shift+S',
    aria: 'Alt+Shift+S',
    does: 'Show or hide the side panel',
    matches: altShift('KeyS'),
    run: () => togglePanelWithFocus('side', !panelOpen('side')),
  },
  { keys: 'Alt+Shift+P', aria: 'Alt+Shift+P', does: 'Show or hide the plan', matches: altShift('KeyP'), run: () => togglePanel('plan') },
  {
    keys: 'Alt+Shift+F',
    aria: 'Alt+Shift+F',
    does: 'Focus view: the board and the timer only (Escape leaves it)',
    matches: altShift('KeyF'),
    run: toggleFocusView,
  },
  { keys: 'Ctrl+Z', aria: 'Control+Z', does: 'Undo your last action (never anyone else’s)' },
  { keys: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z', does: 'Redo' },
  { keys: 'Enter', aria: 'Enter', does: 'On a card: edit its text (Enter again or Escape to finish)' },
  { keys: 'Arrow keys', aria: 'ArrowUp', does: 'On a card: move it (its domain follows where it lands)' },
  { keys: 'Delete', aria: 'Delete', does: 'On a card or plan item: delete it' },
  { keys: 'Ctrl+D', aria: 'Control+D', does: 'On a card: duplicate it' },
  { keys: 'Escape', aria: 'Escape', does: 'Close a dialog or menu; stop editing' },
];

export function isTyping(el: Element | null): boolean {
  return (
    !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable)
  );
}
