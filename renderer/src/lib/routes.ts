// The app's address lives in the URL fragment (#/w/<id>?t=<token>), so a join token never
// reaches a server log, and the same built files work from any host or from the desktop shell.
import { useSyncExternalStore } from 'react';
import { isWorkshopId } from '../../../shared/protocol';

export type Route = { name: 'start'; newWorkshop?: boolean } | { name: 'workshop'; id: string; token: string | null; audience?: boolean; presenter?: boolean };

export function parseRoute(hash: string): Route {
  const m = /^#\/w\/([^?]+)(?:\?(.*))?$/.exec(hash);
  if (m && isWorkshopId(m[1]!)) {
    const params = new URLSearchParams(m[2] ?? '');
    // a=1: the audience view of a presentation (the projector screen), without any controls;
    // p=1: the presenter's own view (notes, the next step), kept off the projector.
    return { name: 'workshop', id: m[1]!, token: params.get('t'), audience: params.get('a') === '1', presenter: params.get('p') === '1' };
  }
  // The desktop menu's File › New Workshop opens the start screen with the form showing.
  if (hash === '#/new') return { name: 'start', newWorkshop: true };
  return { name: 'start' };
}

export function workshopHash(id: string, token: string): string {
  return `#/w/${id}?t=${encodeURIComponent(token)}`;
}

/** A full link another person can open: this host's address plus the fragment. */
export function joinLink(id: string, token: string, origin = window.location.origin + window.location.pathname): string {
  return `${origin}${workshopHash(id, token)}`;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** ws://host/ws for the relay that served this page. */
export function socketBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}
