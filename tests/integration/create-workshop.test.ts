// "Start from: worked example" is written into the workshop by the host when it is created, so
// the workshop has it whoever opens it first, in whatever browser (it used to wait for its
// creator to join in the same tab, and was lost if they did not).
import { describe, it, expect } from 'vitest';
import { harnessPerTest, connectClient, waitFor, type Harness } from '../support/relay-harness';
import { cardsMap, itemsMap, readMeta } from '../../shared/doc';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

const create = (body: unknown) =>
  fetch(`${h.relay.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('creating a workshop', () => {
  it('from the worked example holds its 30 cards and 8 interventions before anyone has joined, under its own title', async () => {
    const res = await create({ title: 'Discharge together', footprint: 'Riverside ICS', startFrom: 'worked-example' });
    expect(res.status).toBe(201);
    const { id, tokens } = (await res.json()) as { id: string; tokens: { viewer: string } };
    const viewer = connectClient(h.wsUrl, id, tokens.viewer);
    await waitFor(() => viewer.synced, 5000, 'synced');
    expect(cardsMap(viewer.doc).size).toBe(30);
    expect(itemsMap(viewer.doc).size).toBe(8);
    expect(readMeta(viewer.doc)).toMatchObject({ title: 'Discharge together', footprint: 'Riverside ICS' });
    viewer.destroy();
  });

  it('empty by default, and refuses a starting point it does not know', async () => {
    const plain = (await (await create({ title: 'Blank' })).json()) as { id: string; tokens: { viewer: string } };
    const viewer = connectClient(h.wsUrl, plain.id, plain.tokens.viewer);
    await waitFor(() => viewer.synced, 5000, 'synced');
    expect(cardsMap(viewer.doc).size).toBe(0);
    viewer.destroy();
    const odd = await create({ title: 'Odd', startFrom: 'someone-elses-file' });
    expect(odd.status).toBe(400);
  });
});
