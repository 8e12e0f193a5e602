// The stock y-websocket provider sends the relay every presence change it hears, its own and
// everyone else's. The relay already has everyone else's (it sent them), so with forty people
// moving pointers each client would send back hundreds of messages a second for nothing. This
// keeps the provider's sending to this client's own presence.
import type { WebsocketProvider } from 'y-websocket';

type Change = { added: number[]; updated: number[]; removed: number[] };

export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const awareness = provider.awareness;
  const sendAll = provider._awarenessUpdateHandler;
  const sendOwn = (change: Change, origin: unknown) => {
    const own = awareness.clientID;
    if ([...change.added, ...change.updated, ...change.removed].includes(own)) sendAll({ added: [], updated: [own], removed: [] }, origin);
  };
  awareness.off('update', sendAll);
  awareness.on('update', sendOwn);
  // The provider takes its handler off the awareness when destroyed: let that be this one.
  provider._awarenessUpdateHandler = sendOwn;
}
