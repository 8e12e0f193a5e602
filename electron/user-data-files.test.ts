import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_RECENT_FILES, RecentFiles } from './recent-files';
import { SessionMarker } from './session-marker';
import { readSettings, writeSettings, SETTINGS_NAME } from './desktop-settings';
import { readJsonFile, writeJsonFile } from './json-file';
import { z } from 'zod';
import { removeTempDirs, tempDir } from './test-helpers';

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeTempDirs());

const id = (n: number) => String(n).padStart(20, 'a');

describe('RecentFiles', () => {
  it('keeps files newest first, one entry per path, at most ten, across restarts', () => {
    const recent = new RecentFiles(dir);
    expect(recent.list()).toEqual([]);
    for (let i = 0; i < 12; i++) recent.add({ path: `/w/${i}.slcanvas`, workshopId: id(i), title: `W${i}`, openedAt: 1000 + i });
    recent.add({ path: '/w/5.slcanvas', workshopId: id(5), title: 'W5 again', openedAt: 5000 });
    const again = new RecentFiles(dir).list();
    expect(again).toHaveLength(MAX_RECENT_FILES);
    expect(again[0]).toEqual({ path: '/w/5.slcanvas', workshopId: id(5), title: 'W5 again', openedAt: 5000 });
    expect(again.filter((f) => f.path === '/w/5.slcanvas')).toHaveLength(1);
    expect(again.map((f) => f.title)).not.toContain('W0');
  });

  it('finds by path and by workshop, removes and clears', () => {
    const recent = new RecentFiles(dir);
    recent.add({ path: '/a.slcanvas', workshopId: id(1), title: 'A', openedAt: 1 });
    recent.add({ path: '/b.slcanvas', workshopId: id(1), title: 'A', openedAt: 2 });
    expect(recent.find('/a.slcanvas')?.title).toBe('A');
    expect(recent.fileOf(id(1))?.path).toBe('/b.slcanvas');
    recent.remove('/b.slcanvas');
    expect(recent.fileOf(id(1))?.path).toBe('/a.slcanvas');
    recent.clear();
    expect(recent.list()).toEqual([]);
  });

  it('reads a damaged or hand-edited list as empty instead of failing', () => {
    const recent = new RecentFiles(dir);
    writeFileSync(recent.path, '{ not json');
    expect(recent.list()).toEqual([]);
    writeFileSync(recent.path, JSON.stringify({ version: 1, files: [{ path: '/x', workshopId: '../../etc', title: 'x', openedAt: 1 }] }));
    expect(recent.list()).toEqual([]);
    writeFileSync(recent.path, JSON.stringify({ version: 2, files: [] }));
    expect(recent.list()).toEqual([]);
    recent.add({ path: '/ok.slcanvas', workshopId: id(2), title: 'OK', openedAt: 1 });
    expect(recent.list()).toHaveLength(1);
  });
});

describe('SessionMarker (crash marker)', () => {
  it('is absent after a clean quit', () => {
    const m = new SessionMarker(dir);
    expect(m.leftOver()).toBeNull();
    m.begin(123, 42);
    m.setWorkshop(id(7));
    m.end();
    expect(existsSync(m.path)).toBe(false);
    expect(new SessionMarker(dir).leftOver()).toBeNull();
  });

  it('is left behind by a run that did not quit, naming the workshop on screen', () => {
    const m = new SessionMarker(dir);
    m.begin(123, 42);
    m.setWorkshop(id(7));
    expect(new SessionMarker(dir).leftOver()).toEqual({ version: 1, startedAt: 123, pid: 42, workshopId: id(7) });
    m.setWorkshop(null);
    expect(new SessionMarker(dir).leftOver()?.workshopId).toBeNull();
  });

  it('an unreadable marker still counts as an unclean end, naming no workshop', () => {
    const m = new SessionMarker(dir);
    writeFileSync(m.path, 'garbage');
    expect(m.leftOver()).toEqual({ version: 1, startedAt: 0, pid: 0, workshopId: null });
  });

  it('writes nothing before begin()', () => {
    const m = new SessionMarker(dir);
    m.setWorkshop(id(1));
    expect(existsSync(m.path)).toBe(false);
  });
});

describe('desktop settings and JSON files', () => {
  it('remember the relay port; a bad file reads as no settings', () => {
    expect(readSettings(dir)).toEqual({});
    writeSettings(dir, { relayPort: 47123 });
    expect(readSettings(dir)).toEqual({ relayPort: 47123 });
    writeFileSync(join(dir, SETTINGS_NAME), JSON.stringify({ relayPort: 80 }));
    expect(readSettings(dir)).toEqual({});
  });

  it('write atomically, leaving no temporary file, and create the folder', () => {
    const path = join(dir, 'nested', 'x.json');
    writeJsonFile(path, { a: 1 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['x.json']);
    expect(readJsonFile(path, z.object({ a: z.number() }), null)).toEqual({ a: 1 });
    expect(readJsonFile<unknown>(join(dir, 'missing.json'), z.object({}), 'fallback')).toBe('fallback');
  });
});
