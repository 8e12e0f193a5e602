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

  it('from a template holds its cards, plan items and agenda before anyone has joined', async () => {
    const template = {
      format: 'slc-template',
      version: 1,
      name: 'Discharge shape',
      description: '',
      agenda: [{ title: 'Map the system', minutes: 20, mode: 'other' }],
      cards: [{ kind: 'people', text: 'Ward sisters', domainId: 'individual-effectiveness', tags: [] }],
      items: [{ interventionId: 'action-learning-sets', customTitle: '', domainId: 'relationships-and-connectivity', deliveryRoute: '' }],
    };
    const res = await create({ title: 'From a template', startFrom: { template } });
    expect(res.status).toBe(201);
    const { id, tokens } = (await res.json()) as { id: string; tokens: { viewer: string } };
    const file = h.relay.store.open(id);
    const control = JSON.parse(file.getMeta('control') ?? '{}') as { agenda?: { steps: { title: string }[] } };
    file.close();
    expect(control.agenda?.steps.map((s) => s.title)).toEqual(['Map the system']);
    const viewer = connectClient(h.wsUrl, id, tokens.viewer);
    await waitFor(() => viewer.synced, 5000, 'synced');
    expect([...cardsMap(viewer.doc).values()].map((c) => c.get('text')?.toString())).toEqual(['Ward sisters']);
    expect(itemsMap(viewer.doc).size).toBe(1);
    viewer.destroy();

    // A template placing something in a domain the framework does not have makes no workshop.
    const before = h.relay.store.list().length;
    const bad = await create({ title: 'Odd template', startFrom: { template: { ...template, cards: [{ ...template.cards[0], domainId: 'nowhere' }] } } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/unknown domain/);
    expect(h.relay.store.list()).toHaveLength(before);
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
