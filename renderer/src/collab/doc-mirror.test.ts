// The doc mirror keeps the follow-up's measures and outcomes in its snapshot like cards and
// items: whoever changes them (this person, someone else's update, an undo), the snapshot follows,
// and roots nobody touched keep their identity so the board does not re-render for them.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { initWorkshop, measuresMap, outcomesMap, setMeasureField } from '../../../shared/doc';
import { frameworkIndex } from '../../../shared/framework';
import { bareWorkshop, domainIds } from '../store/test-support';
import { mirrorDoc, type DocSnapshot } from './doc-mirror';

/** Sends every update of one doc to the other, as the relay does between two people. */
function connect(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), a);
}

describe('doc mirror: follow-up', () => {
  it('a first measure and its outcomes made by someone else appear in the snapshot', () => {
    const facilitator = bareWorkshop();
    const item = facilitator.actions.addPlanItem('action-learning-sets', domainIds[0]!)!;
    const theirs = new Y.Doc();
    connect(facilitator.doc, theirs);
    let seen!: DocSnapshot;
    mirrorDoc(theirs, frameworkIndex, (s) => (seen = s));
    expect(seen.measures.size).toBe(0);

    facilitator.actions.addMeasure(item, { what: 'Delayed discharges a week', target: '5', reviewDate: '2027-03-31' });
    const [measure] = [...seen.measures.values()];
    expect(measure).toMatchObject({ itemId: item, what: 'Delayed discharges a week', target: '5', reviewDate: '2027-03-31' });

    facilitator.actions.recordOutcome(measure!.id, { date: '2027-02-01', value: 8, recordedBy: 'Hannah Reid' });
    expect([...seen.outcomes.values()]).toEqual([expect.objectContaining({ measureId: measure!.id, date: '2027-02-01', value: 8, recordedBy: 'Hannah Reid' })]);

    // An edit inside a measure is re-read too.
    setMeasureField(facilitator.doc, measure!.id, 'target', '4');
    expect(seen.measures.get(measure!.id)!.target).toBe('4');
  });

  it('undo and redo of an outcome show in the snapshot, and untouched roots keep their identity', () => {
    const w = bareWorkshop();
    const item = w.actions.addPlanItem('action-learning-sets', domainIds[0]!)!;
    w.actions.addMeasure(item, { what: 'Delayed discharges a week' });
    const [measureId] = [...w.snapshot().measures.keys()];
    const before = w.snapshot();
    w.actions.recordOutcome(measureId!, { date: '2027-03-31', value: 12, recordedBy: 'Hannah Reid' });
    const after = w.snapshot();
    expect(after.outcomes.size).toBe(1);
    expect(after.outcomes).not.toBe(before.outcomes);
    for (const root of ['cards', 'items', 'links', 'measures', 'meta'] as const) expect(after[root]).toBe(before[root]);

    w.undo();
    expect(w.snapshot().outcomes.size).toBe(0);
    expect(w.snapshot().measures.size).toBe(1);
    w.redo();
    expect([...w.snapshot().outcomes.values()][0]).toMatchObject({ measureId, value: 12 });
    w.undo();
    w.undo();
    expect(w.snapshot().measures.size).toBe(0);
  });

  it('stored values that are not measures or outcomes are left out, and a later fix brings them in', () => {
    const doc = new Y.Doc();
    initWorkshop(doc, { title: 'Discharge', footprint: '', academyId: '', date: '' });
    let seen!: DocSnapshot;
    mirrorDoc(doc, frameworkIndex, (s) => (seen = s));
    // What a careless or hostile client might write straight into the doc.
    outcomesMap(doc).set('bad-date', { measureId: 'm1', date: 'next Tuesday', value: 3 });
    outcomesMap(doc).set('nothing-recorded', { measureId: 'm1', date: '2027-01-01', value: null, rating: '' });
    outcomesMap(doc).set('not-an-object', 'hello');
    measuresMap(doc).set('not-a-map', 'hello' as unknown as Y.Map<unknown>);
    expect(seen.outcomes.size).toBe(0);
    expect(seen.measures.size).toBe(0);
    outcomesMap(doc).set('bad-date', { measureId: 'm1', date: '2027-01-02', value: 3 });
    expect([...seen.outcomes.keys()]).toEqual(['bad-date']);
    outcomesMap(doc).delete('bad-date');
    expect(seen.outcomes.size).toBe(0);
  });
});
