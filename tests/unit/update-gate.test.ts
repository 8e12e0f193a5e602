import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { UpdateGate } from '../../server/update-gate';
import { addCard, cardsMap } from '../../shared/doc';

function room() {
  const doc = new Y.Doc();
  const published: Uint8Array[] = [];
  let holding: Uint8Array[] | null = null;
  doc.on('update', (u: Uint8Array) => (holding ? holding.push(u) : published.push(u)));
  const gate = new UpdateGate(doc);
  const apply = (update: Uint8Array, judge: Parameters<UpdateGate['apply']>[1]) => {
    holding = [];
    const result = gate.apply(update, judge, () => holding ?? []);
    holding = null;
    return result;
  };
  return { doc, apply };
}

function cardUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  addCard(d, { kind: 'people', text, domainId: 'd', position: { x: 0, y: 0 } });
  return Y.encodeStateAsUpdate(d);
}

describe('update gate fails closed', () => {
  it('reverts an edit whose check throws, as it reverts a refused one', () => {
    const r = room();
    const result = r.apply(cardUpdate('checked by a broken judge'), () => {
      throw new Error('the check broke');
    });
    expect(result.verdict).toMatchObject({ ok: false });
    expect(cardsMap(r.doc).size).toBe(0);
    // What goes out is the net change: the card as a deleted placeholder.
    const copy = new Y.Doc();
    for (const u of result.updates) Y.applyUpdate(copy, u);
    expect(cardsMap(copy).size).toBe(0);
  });

  it('refuses an update that leaves something parked and keeps nothing of it', () => {
    const r = room();
    const d = new Y.Doc();
    addCard(d, { kind: 'people', text: 'first', domainId: 'd', position: { x: 0, y: 0 } });
    const sv = Y.encodeStateVector(d);
    addCard(d, { kind: 'people', text: 'second', domainId: 'd', position: { x: 0, y: 0 } });
    let judged = false;
    const result = r.apply(Y.encodeStateAsUpdate(d, sv), () => {
      judged = true;
      return { ok: true };
    });
    expect(judged).toBe(false);
    expect(result.verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/does not have/) });
    expect(r.doc.store.pendingStructs).toBeNull();
    // The first card arriving later does not bring the second with it.
    // Sent whole, in order, both cards arrive.
    r.apply(Y.encodeStateAsUpdate(d), () => ({ ok: true }));
    expect(cardsMap(r.doc).size).toBe(2);
  });

  it('passes an accepted edit on whole', () => {
    const r = room();
    const result = r.apply(cardUpdate('fine'), () => ({ ok: true }));
    expect(result.verdict.ok).toBe(true);
    expect(cardsMap(r.doc).size).toBe(1);
  });
});
