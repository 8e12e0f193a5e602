// The folder of workshop files a relay serves: <dataDir>/<workshop-id>.slcanvas.
import { mkdirSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WORKSHOP_FILE_EXTENSION, isWorkshopId } from '../shared/protocol';
import { newWorkshopId } from '../shared/doc/ids';
import { initWorkshop } from '../shared/doc/workshop-doc';
import type { WorkshopMeta } from '../shared/doc/layout';
import { WorkshopFile, type WorkshopFileMeta } from './workshop-file';
import { newTokenSet, newToken, tokenHash, type TokenSet } from './tokens';
import { TEMP_SUFFIX, writeWorkshopContent, type WorkshopSnapshot } from './workshop-content';
import type { Role } from '../shared/protocol';
import type { StartingContent } from './starting-content';

export interface Access {
  tokens: TokenSet;
  /** hashes of withdrawn tokens */
  revoked: string[];
}

export class WorkshopFolder {
  /** Access data cached per workshop so admission does not reopen files on every connect. */
  private readonly accessCache = new Map<string, Access>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    // An import interrupted by a crash leaves only its temporary file: of no use now.
    for (const name of readdirSync(dir)) if (name.endsWith(TEMP_SUFFIX)) rmSync(join(dir, name), { force: true });
  }

  pathOf(id: string): string {
    if (!isWorkshopId(id)) throw new Error(`"${id}" is not a workshop id`);
    return join(this.dir, id + WORKSHOP_FILE_EXTENSION);
  }

  exists(id: string): boolean {
    return isWorkshopId(id) && existsSync(this.pathOf(id));
  }

  /** Creates a workshop, with what it starts from (see starting-content.ts) already in it. */
  create(meta: Omit<WorkshopMeta, 'schemaVersion'>, start: StartingContent = {}): { id: string; tokens: TokenSet } {
    // Seed the doc so the file describes itself even before anyone connects. A seed that fails
    // does so here, before any file exists.
    const doc = new Y.Doc();
    initWorkshop(doc, meta);
    start.seed?.(doc);
    const initial = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const id = newWorkshopId();
    const file = WorkshopFile.create(this.pathOf(id), { id, title: meta.title });
    try {
      const tokens = newTokenSet();
      file.setMeta('tokens', JSON.stringify(tokens));
      file.setMeta('revoked', '[]');
      if (start.control) file.setMeta('control', start.control);
      file.append([initial]);
      this.accessCache.set(id, { tokens, revoked: [] });
      return { id, tokens };
    } finally {
      file.close();
    }
  }

  /**
   * Adds a workshop from content read elsewhere (an import), as a fresh file of our schema with
   * new links. Fails rather than replace a workshop already here.
   */
  add(content: WorkshopSnapshot): TokenSet {
    const tokens = newTokenSet();
    writeWorkshopContent(this.pathOf(content.id), content, { noReplace: true, access: { tokens: JSON.stringify(tokens), revoked: '[]' } });
    this.accessCache.set(content.id, { tokens, revoked: [] });
    return tokens;
  }

  open(id: string): WorkshopFile {
    return WorkshopFile.open(this.pathOf(id));
  }

  access(id: string): Access {
    const cached = this.accessCache.get(id);
    if (cached) return cached;
    const file = this.open(id);
    try {
      const access: Access = {
        tokens: JSON.parse(file.getMeta('tokens') ?? 'null') as TokenSet,
        revoked: JSON.parse(file.getMeta('revoked') ?? '[]') as string[],
      };
      if (!access.tokens?.facilitator) throw new Error(`workshop ${id} has no join tokens`);
      this.accessCache.set(id, access);
      return access;
    } finally {
      file.close();
    }
  }

  /** Replaces one role's token; the old one is remembered (hashed) as withdrawn. */
  rotate(id: string, role: Role): { old: string; fresh: string } {
    const access = this.access(id);
    const old = access.tokens[role];
    const fresh = newToken();
    const next: Access = { tokens: { ...access.tokens, [role]: fresh }, revoked: [...access.revoked, tokenHash(old)] };
    // A second SQLite handle is safe beside a live room's own: WAL serialises the writes.
    const file = this.open(id);
    try {
      file.setMeta('tokens', JSON.stringify(next.tokens));
      file.setMeta('revoked', JSON.stringify(next.revoked));
    } finally {
      file.close();
    }
    this.accessCache.set(id, next);
    return { old, fresh };
  }

  list(): WorkshopFileMeta[] {
    const out: WorkshopFileMeta[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(WORKSHOP_FILE_EXTENSION)) continue;
      const id = name.slice(0, -WORKSHOP_FILE_EXTENSION.length);
      if (!isWorkshopId(id)) continue;
      try {
        const f = this.open(id);
        try {
          out.push(f.meta());
        } finally {
          f.close();
        }
      } catch {
        // A damaged file is skipped in the listing; opening it directly reports the problem.
      }
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }
}
