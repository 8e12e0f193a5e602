// Groups other people's changes into a few plain sentences and paces them, so a busy room does
// not flood a screen reader: changes are collected until the room pauses (or a few seconds pass),
// similar changes become one sentence, and sentences are spaced out. No React here.
import type { FrameworkIndex } from '../../../shared/framework/load';
import type { ActivityChange, ActivityVerb } from './remote-changes';

/** How much of other people's activity is read out. */
export type ActivityLevel = 'all' | 'summary' | 'off';

export interface AnnouncerTiming {
  /** a burst ends after this much quiet */
  quietMs: number;
  /** ...or after this long, however busy the room is */
  maxWaitMs: number;
  /** the least time between two announcements */
  minGapMs: number;
  /** at the "summary" level, one announcement at most this often */
  summaryEveryMs: number;
}

export const defaultTiming: AnnouncerTiming = { quietMs: 1200, maxWaitMs: 4000, minGapMs: 2500, summaryEveryMs: 20_000 };

/** The most sentences one announcement reads before it summarises the rest. */
const MAX_SENTENCES = 3;

export class ActivityAnnouncer {
  /**
   * Names who made a change the doc could not trace to anyone (a removal), asked when the
   * announcement is made rather than when the change arrived: the remover's presence, which
   * says what they removed, may come a moment after the removal itself.
   */
  resolveActor: (change: ActivityChange) => string | null = () => null;
  private buffer: ActivityChange[] = [];
  private firstAt = 0;
  private lastAnnouncedAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly fw: FrameworkIndex,
    private readonly announce: (text: string) => void,
    private level: ActivityLevel = 'all',
    private readonly timing: AnnouncerTiming = defaultTiming,
    private readonly now: () => number = Date.now,
  ) {}

  setLevel(level: ActivityLevel): void {
    this.level = level;
    if (level === 'off') this.clear();
  }

  push(changes: readonly ActivityChange[]): void {
    if (this.level === 'off' || changes.length === 0) return;
    if (this.buffer.length === 0) this.firstAt = this.now();
    this.buffer.push(...changes);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.now();
    const t = this.timing;
    const burstEnds = this.level === 'summary' ? this.firstAt + t.summaryEveryMs : Math.min(now + t.quietMs, this.firstAt + t.maxWaitMs);
    const gap = this.lastAnnouncedAt + (this.level === 'summary' ? t.summaryEveryMs : t.minGapMs);
    this.timer = setTimeout(() => this.flush(), Math.max(0, burstEnds - now, gap - now));
  }

  /** Says what is buffered now (also called by the timer). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const changes = this.buffer.splice(0).map((c) => (c.actor === null ? { ...c, actor: this.resolveActor(c) } : c));
    if (changes.length === 0) return;
    this.lastAnnouncedAt = this.now();
    this.announce(this.level === 'summary' ? summarise(changes) : describeChanges(this.fw, changes));
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.buffer = [];
  }
}

const pastTense: Record<ActivityVerb, string> = { added: 'added', removed: 'removed', moved: 'moved', edited: 'edited' };

function who(actor: string | null): string {
  return actor ?? 'Someone';
}

function quoted(label: string): string {
  const short = label.length > 60 ? `${label.slice(0, 57).trimEnd()}…` : label;
  return short ? `“${short}”` : '';
}

/** One sentence per group of similar changes: same person, same verb, same kind, same domain. */
export function describeChanges(fw: FrameworkIndex, changes: readonly ActivityChange[]): string {
  // An entry added then edited in one burst is just "added"; edits to one entry count once.
  const seen = new Set<string>();
  const distinct = changes.filter((c) => {
    const addedToo = c.verb === 'edited' && changes.some((o) => o.entryId === c.entryId && o.verb === 'added');
    const key = `${c.entryId}:${c.verb}:${c.actor}`;
    if (addedToo || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const groups = new Map<string, ActivityChange[]>();
  for (const c of distinct) {
    const key = `${c.actor}|${c.verb}|${c.what}|${c.verb === 'edited' || c.verb === 'removed' ? '' : `${c.domainId}|${c.table}|${c.fromTable ?? ''}`}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const sentences = [...groups.values()].map((g) => sentence(fw, g));
  if (sentences.length > MAX_SENTENCES) {
    const rest = sentences.length - MAX_SENTENCES + 1;
    return [...sentences.slice(0, MAX_SENTENCES - 1), `and ${rest} more changes.`].join(' ');
  }
  return sentences.join(' ');
}

function sentence(fw: FrameworkIndex, group: readonly ActivityChange[]): string {
  const first = group[0]!;
  // Where it went: a table's domain, or (brought from a table) the room's.
  const place = first.table ? ` at table ${first.table}` : first.verb === 'moved' && first.fromTable ? ' in the room’s plan' : '';
  const domain = `${fw.domainById.get(first.domainId)?.name ?? 'the board'}${place}`;
  const verb = pastTense[first.verb];
  const n = group.length;
  const noun =
    first.what === 'card' ? (n === 1 ? `a ${first.lens ?? ''} card`.replace('  ', ' ') : `${n} cards`) : n === 1 ? 'the intervention' : `${n} interventions`;
  const single = n === 1 ? quoted(first.label) : '';
  switch (first.verb) {
    case 'added':
      return first.what === 'card'
        ? `${who(first.actor)} ${verb} ${noun} to ${domain}.`
        : `${who(first.actor)} ${verb} ${n === 1 ? `the intervention ${single || 'a custom intervention'}` : noun} to ${domain}.`;
    case 'moved':
      return `${who(first.actor)} ${verb} ${n === 1 ? `${first.what === 'card' ? 'the card' : 'the intervention'} ${single}`.trimEnd() : noun} to ${domain}.`;
    case 'removed':
    case 'edited':
      return `${who(first.actor)} ${verb} ${n === 1 ? `${first.what === 'card' ? 'the card' : 'the intervention'} ${single}`.trimEnd() : noun}.`;
  }
}

/** The "summary" level: how many changes, by whom, without the detail. */
export function summarise(changes: readonly ActivityChange[]): string {
  const names = [...new Set(changes.map((c) => c.actor ?? 'someone'))];
  const people = names.length <= 2 ? names.join(' and ') : `${names[0]} and ${names.length - 1} others`;
  return `${changes.length} ${changes.length === 1 ? 'change' : 'changes'} on the board by ${people}.`;
}
