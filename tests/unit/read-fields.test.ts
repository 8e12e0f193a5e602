import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { readCard, readPlanItem } from '../../shared/doc/read';
import { cardRecord } from '../../shared/doc/schema';
import { valueOf } from '../../shared/doc/read-fields';
import { frameworkIndex } from '../../shared/framework';

/** An entry in a doc, written as a careless or hostile client might have, bypassing the typed writers. */
function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  const doc = new Y.Doc();
  const e = new Y.Map<unknown>();
  doc.getMap('cards').set('c1', e);
  for (const [k, v] of Object.entries(fields)) e.set(k, v);
  return e;
}

describe('reading an entry through its schema', () => {
  it('reads a value that does not fit its field as the field’s starting value', () => {
    const card = readCard('c1', entry({ kind: 'nonsense', x: 1e99, y: Number.NaN, domainId: 'd'.repeat(81), author: 42, votes: { dots: -1 } }));
    expect(card).toMatchObject({ kind: 'people', position: { x: 0, y: 0 }, domainId: '', author: '', votes: null });
    expect(readCard('c1', entry({ kind: 'place', x: 12, domainId: 'individual-effectiveness' }))).toMatchObject({
      kind: 'place',
      position: { x: 12, y: 0 },
      domainId: 'individual-effectiveness',
    });
  });

  it('reads a card’s words from a shared text, or from the plain string an older file holds', () => {
    expect(readCard('c1', entry({ text: new Y.Text('Shared words') })).text).toBe('Shared words');
    expect(readCard('c1', entry({ text: 'Words from schema 2' })).text).toBe('Words from schema 2');
    expect(readCard('c1', entry({ text: 7 })).text).toBe('');
  });

  it('leaves out list and record values that do not fit, and copies the ones that do', () => {
    const orgs = new Y.Array<unknown>();
    orgs.push([{ name: 'Riverside Council', type: 'Local authority' }, { name: 'Bad', type: 'Spaceship' }, 'not an organisation']);
    const criteria = new Y.Map<unknown>();
    const answer = { met: true, note: 'Two trusts and the council' };
    criteria.set('multi-agency', answer);
    criteria.set('broken', { met: 'yes' });
    const item = readPlanItem('i1', entry({ organisations: orgs, criteria, status: 'finished' }), frameworkIndex);
    expect(item.organisations).toEqual([{ name: 'Riverside Council', type: 'Local authority' }]);
    expect(item.criteria).toEqual({ 'multi-agency': answer });
    expect(item.criteria['multi-agency']).not.toBe(answer);
    expect(item.status).toBe('proposed');
  });

  it('refuses to read a field the record does not declare', () => {
    expect(() => valueOf(cardRecord, entry({}), 'colour' as never)).toThrow(/No field “colour”/);
  });
});
