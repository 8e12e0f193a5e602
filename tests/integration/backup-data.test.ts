// scripts/backup-data.mjs against a running relay's folder: every workshop (with an edit still
// in its -wal) and its history come out whole and open on their own; an existing target is refused.
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WorkshopFolder } from '../../server/workshop-folder';
import { WorkshopFile } from '../../server/workshop-file';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const backup = (from: string, to: string) => spawnSync(process.execPath, ['scripts/backup-data.mjs', from, to], { encoding: 'utf8' });

describe('backing up a host’s data folder', () => {
  it('copies each workshop whole while a handle still holds it open, and refuses an existing target', () => {
    dir = mkdtempSync(join(tmpdir(), 'slc-backup-'));
    const data = join(dir, 'data');
    const store = new WorkshopFolder(data);
    const { id } = store.create({ title: 'Backed up', footprint: '', academyId: '', date: '' });
    // An edit committed but left in the -wal, as in a running host's folder.
    const live = store.open(id);
    const doc = new Y.Doc();
    doc.getMap('extra').set('note', 'in the wal');
    live.append([Y.encodeStateAsUpdate(doc)]);
    expect(existsSync(`${store.pathOf(id)}-wal`)).toBe(true);

    const to = join(dir, 'copy');
    const r = backup(data, to);
    live.close();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Backed up 1 workshops');
    expect(readdirSync(to).sort()).toEqual([`${id}.slcanvas`, 'history'].sort());
    const copy = WorkshopFile.open(join(to, `${id}.slcanvas`));
    try {
      expect(copy.meta().title).toBe('Backed up');
      const restored = new Y.Doc();
      copy.loadInto(restored);
      expect(restored.getMap('extra').get('note')).toBe('in the wal');
    } finally {
      copy.close();
    }

    const again = backup(data, to);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
  });
});
