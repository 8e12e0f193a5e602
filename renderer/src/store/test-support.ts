// A workshop with no network and no React, for the store's unit tests: a bare Y.Doc, the real
// DocWriter and undo policy, the real doc actions and the doc mirror.
import * as Y from 'yjs';
import { initWorkshop } from '../../../shared/doc';
import { frameworkIndex } from '../../../shared/framework';
import { DocWriter } from '../collab/doc-writer';
import { mirrorDoc, type DocSnapshot } from '../collab/doc-mirror';
import { UNDO_CONFIG } from '../collab/undo-steps';
import { createDocActions } from './doc-actions';

export function bareWorkshop(opts: { allowed?: () => boolean; doc?: Y.Doc } = {}) {
  const doc = opts.doc ?? new Y.Doc();
  if (!opts.doc) initWorkshop(doc, { title: 'Discharge', footprint: '', academyId: '', date: '' });
  // A clock the tests move by hand; everything else is the production configuration.
  const clock = { now: 1_000_000 };
  const writer = new DocWriter(doc, opts.allowed, UNDO_CONFIG, () => clock.now);
  let snapshot!: DocSnapshot;
  mirrorDoc(doc, frameworkIndex, (s) => (snapshot = s));
  const actions = createDocActions(
    writer,
    () => ({ name: 'Hannah Reid', organisation: 'Academy' }),
    () => snapshot,
  );
  return {
    doc,
    writer,
    actions,
    clock,
    snapshot: () => snapshot,
    undo: (): void => void writer.undo.undo(),
    redo: (): void => void writer.undo.redo(),
  };
}

export const domainIds = frameworkIndex.framework.domains.map((d) => d.id);
