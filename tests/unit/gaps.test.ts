import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { addCard, addPlanItem, addOrganisation, cardsMap, itemsMap, readCard, readPlanItem, setTag, readGaps } from '../../shared/doc';
import { frameworkIndex } from '../../shared/framework';

const fw = frameworkIndex.framework;
const at = { x: 0, y: 0 };

function board(build: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  build(doc);
  return readGaps(
    frameworkIndex,
    [...cardsMap(doc)].map(([id, e]) => readCard(id, e)),
    [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, frameworkIndex)),
  );
}

describe('the framework as a coach', () => {
  it('names an empty domain, quotes what it is for, and offers its menu of interventions', () => {
    const gaps = board(() => {});
    const learning = gaps.domains.find((d) => d.name === 'Learning and Capacity Building')!;
    expect(learning).toMatchObject({ cards: 0, interventions: 0, why: fw.domains[3]!.description });
    expect(learning.suggestions.map((s) => s.title)).toContain('Systems Thinking and Collective Leadership');
    expect(learning.suggestions).toHaveLength(fw.domains[3]!.interventions.length);
  });

  it('stops offering an intervention once planned, and a domain with cards and an intervention is not thin', () => {
    const d = fw.domains[1]!;
    const gaps = board((doc) => {
      addCard(doc, { kind: 'people', text: 'Ward managers', domainId: d.id, position: at });
      addCard(doc, { kind: 'place', text: 'Bassetlaw', domainId: d.id, position: at });
      addPlanItem(doc, { interventionId: 'action-learning-sets', domainId: d.id, position: at });
    });
    expect(gaps.domains[1]!.suggestions).toEqual([]);
    const thin = board((doc) => addCard(doc, { kind: 'people', text: 'One card', domainId: d.id, position: at }));
    expect(thin.domains[1]!.suggestions.map((s) => s.id)).toContain('action-learning-sets');
  });

  it('lists roles and behaviours nobody has tagged, and what would meet a failing criterion', () => {
    const d = fw.domains[0]!;
    const role = d.roles[0]!;
    const gaps = board((doc) => {
      const c = addCard(doc, { kind: 'people', text: 'Leads', domainId: d.id, position: at });
      setTag(doc, c, role.id, true);
      const i = addPlanItem(doc, { interventionId: 'coaching-and-mentoring', domainId: d.id, position: at });
      addOrganisation(doc, i, { name: 'Riverside Trust', type: 'NHS trust' });
    });
    expect(gaps.domains[0]!.untagged.map((u) => u.id)).not.toContain(role.id);
    expect(gaps.domains[0]!.untagged.length).toBe(d.roles.length + d.behaviours.length - 1);
    expect(gaps.criteria).toEqual([
      expect.objectContaining({
        title: 'Coaching and Mentoring',
        problem: 'Only one organisation involved (Riverside Trust).',
        fix: expect.stringMatching(/^Add a partner organisation/),
      }),
    ]);
  });
});
