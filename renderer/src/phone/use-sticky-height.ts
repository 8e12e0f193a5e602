import { useEffect, type RefObject } from 'react';

/**
 * Keeps `--phone-bar-h` on the phone view equal to the height of its sticky top (the bar and the
 * timer), so a domain scrolled to lands below it rather than under it. The top changes height
 * when the connection status wraps or the facilitator's timer controls do.
 */
export function useStickyHeight(top: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = top.current;
    const root = el?.parentElement;
    if (!el || !root || typeof ResizeObserver === 'undefined') return;
    const set = () => root.style.setProperty('--phone-bar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => observer.disconnect();
  }, [top]);
}
