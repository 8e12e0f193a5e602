// Who each Yjs client id in a room belongs to. A Yjs update says which client id wrote each
// struct, and any link holder can write any id: claiming the facilitator's id would let them
// put words in the facilitator's mouth, fill the facilitator's future clocks so that their real
// edits are ignored, or delete a person's offline work before it arrives. So the relay binds a
// client id to the person who first introduced it (by presence or by an edit), keeps that
// binding across the person's reconnects (a person is the voter ticket the relay signed) and
// across restarts of the host, and refuses an edit under an id bound to someone else.
//
// Ids that already hold content but are bound to nobody (written before bindings were kept, or
// by the host itself when it created the workshop) are nobody's to extend.

/** The relay's own client ids (its doc's, for revealed votes and restores). */
export const RELAY_PERSON = '@relay';

/** Client ids one person may introduce over the life of a workshop (a page load makes a new one). */
export const CLIENT_IDS_PER_PERSON = 64;
/** Presence-only bindings (ids that never wrote) kept in memory before the oldest are forgotten. */
const MAX_PRESENCE_BINDINGS = 10_000;

const KEY_PREFIX = 'client:';
/** The metadata row that keeps presence-only bindings while the room is not in memory. */
export const PRESENCE_BINDINGS_KEY = 'presence-clients';

export type BindResult = { ok: true; isNew: boolean } | { ok: false; reason: string };

export class ClientOwners {
  /** ids that wrote content, kept on disk */
  private readonly owners = new Map<number, string>();
  /** ids only seen in presence so far, kept in memory (oldest first) */
  private readonly presenceOnly = new Map<number, string>();
  private readonly idsPerPerson = new Map<string, number>();

  /**
   * `saved` are the rows kept with the workshop; `persist` keeps a new binding (it is queued
   * with the workshop's writes, ahead of the edit that introduced the id).
   */
  constructor(
    saved: ReadonlyArray<{ key: string; value: string }>,
    private readonly persist: (key: string, value: string) => Promise<void>,
    savedPresence?: string,
  ) {
    try {
      for (const [id, person] of Object.entries(JSON.parse(savedPresence ?? '{}') as Record<string, unknown>))
        if (typeof person === 'string' && Number.isSafeInteger(Number(id))) this.bindPresence(Number(id), person);
    } catch {
      // A damaged row only loses presence-only bindings, never an edit's.
    }
    for (const { key, value } of saved) {
      const id = Number(key.slice(KEY_PREFIX.length));
      if (!Number.isSafeInteger(id) || id < 0) continue;
      this.owners.set(id, value);
      this.count(value);
    }
  }

  static readonly keyPrefix = KEY_PREFIX;

  ownerOf(client: number): string | undefined {
    return this.owners.get(client) ?? this.presenceOnly.get(client);
  }

  private count(person: string): void {
    this.idsPerPerson.set(person, (this.idsPerPerson.get(person) ?? 0) + 1);
  }

  /**
   * Whether `person` may write under `client`, whose content the room holds up to clock
   * `known`. Does not bind: call `bind` once the edit is accepted.
   */
  mayWrite(client: number, person: string, known: number): { ok: true } | { ok: false; reason: string } {
    const owner = this.ownerOf(client);
    if (owner === person) return { ok: true };
    if (owner !== undefined) return { ok: false, reason: `client id ${client} belongs to someone else` };
    if (known > 0) return { ok: false, reason: `client id ${client} is not this connection's to extend` };
    if ((this.idsPerPerson.get(person) ?? 0) >= CLIENT_IDS_PER_PERSON && person !== RELAY_PERSON)
      return { ok: false, reason: `more than ${CLIENT_IDS_PER_PERSON} client ids from one person` };
    return { ok: true };
  }

  /** Binds an id that wrote content to `person` (kept on disk). */
  bindWriter(client: number, person: string): void {
    if (this.owners.get(client) === person) return;
    const wasPresence = this.presenceOnly.get(client) === person;
    this.presenceOnly.delete(client);
    this.owners.set(client, person);
    if (!wasPresence) this.count(person);
    if (person !== RELAY_PERSON) void this.persist(KEY_PREFIX + client, person);
  }

  /**
   * Binds an id first seen in someone's presence to them, so nobody else can claim it while they
   * are away. Returns false when the id is someone else's.
   */
  bindPresence(client: number, person: string): boolean {
    const owner = this.ownerOf(client);
    if (owner !== undefined) return owner === person;
    if ((this.idsPerPerson.get(person) ?? 0) >= CLIENT_IDS_PER_PERSON) return false;
    if (this.presenceOnly.size >= MAX_PRESENCE_BINDINGS) {
      const [oldest, oldOwner] = this.presenceOnly.entries().next().value as [number, string];
      this.presenceOnly.delete(oldest);
      this.idsPerPerson.set(oldOwner, Math.max(0, (this.idsPerPerson.get(oldOwner) ?? 1) - 1));
    }
    this.presenceOnly.set(client, person);
    this.count(person);
    return true;
  }

  /**
   * Keeps the presence-only bindings with the workshop (when the room is saved to leave memory), so
   * an id someone only announced is still theirs when the room is next opened.
   */
  async persistPresence(): Promise<void> {
    if (this.presenceOnly.size > 0) await this.persist(PRESENCE_BINDINGS_KEY, JSON.stringify(Object.fromEntries(this.presenceOnly)));
  }

  /** How many client ids are bound (for tests and metrics). */
  get size(): number {
    return this.owners.size + this.presenceOnly.size;
  }
}
