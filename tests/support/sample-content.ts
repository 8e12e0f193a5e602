// The worked example in a fresh doc, and the doc's content as exports read it.
import * as Y from 'yjs';
import { frameworkIndex as fw } from '../../shared/framework';
import { loadSample, cardsMap, itemsMap, linksMap, readCard, readPlanItem, readLink, readFollowUp } from '../../shared/doc';
import sample from '../../resources/sample-workshop.json';

export function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  loadSample(doc, sample, fw);
  return doc;
}

export function docContent(doc: Y.Doc) {
  return {
    cards: [...cardsMap(doc)].map(([id, e]) => readCard(id, e)),
    items: [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, fw)),
    links: [...linksMap(doc)].map(([id, e]) => readLink(id, e)),
    followUp: readFollowUp(doc),
  };
}
