// Whether this screen gets the phone view: narrow enough that the board cannot be used well.
// Read from a media query so turning a phone (or resizing a window) switches views live.
import { useSyncExternalStore } from 'react';

export const PHONE_QUERY = '(max-width: 600px)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(PHONE_QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function usePhoneLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
