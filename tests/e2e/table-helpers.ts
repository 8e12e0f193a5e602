// Table groups in the end-to-end tests: people who join as stock y-websocket clients, sharing
// presence as the app does, and which table's space a page's board shows.
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { Person } from './helpers';

/** Someone in the room as a stock client, to be seated, mixed and counted like anyone else. */
export function stockPerson(host: string, workshop: string, token: string, person: Person): WebsocketProvider {
  const provider = new WebsocketProvider(`ws://${host}/ws`, workshop, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  provider.awareness.setLocalState({
    user: { ...person, colour: '#005eb8', role: 'participant' },
    cursor: null,
    selection: [],
    editing: null,
    drag: null,
    lastActive: Date.now(),
  });
  return provider;
}

/** The table this page's board shows ('' for the whole room), as the board bar's Tables button names it. */
export async function shownTable(page: Page): Promise<string> {
  const text =
    (await page
      .locator('.board-bar')
      .getByRole('button', { name: /^Tables/ })
      .textContent()) ?? '';
  return text.startsWith('Table ') ? text.slice('Table '.length) : '';
}
