// Screen-reader announcements of what other people do. A polite log named "Activity" carries
// other people's changes (grouped and paced by the announcer); an assertive region carries only
// what needs attention now: the timer ending, the board being locked, being brought somewhere.
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { frameworkIndex } from '../../../shared/framework';
import { tablesMap, seatsMap, seatIdOf } from '../../../shared/doc/tables';
import { useWorkshop } from '../store/context';
import { isPresenceState, readRemoved } from '../collab/presence';
import { timerRemaining } from '../collab/control-channel';
import { watchRemoteChanges } from './remote-changes';
import { ActivityAnnouncer } from './activity-announcer';
import { readActivityLevel } from './activity-level';

/** How many past announcements the log keeps (older ones are dropped from the page). */
const KEEP = 6;
/** How long after the relay says a restore is coming its change is expected. */
const RESTORE_ARRIVES_WITHIN_MS = 5000;

export function ActivityLog() {
  const session = useWorkshop((s) => s.session);
  const role = useWorkshop((s) => s.status.role);
  const [log, setLog] = useState<{ id: number; text: string }[]>([]);
  const [urgent, setUrgent] = useState('');
  const seq = useRef(0);

  // Other people's changes to the board.
  useEffect(() => {
    const say = (text: string) => setLog((l) => [...l.slice(-(KEEP - 1)), { id: ++seq.current, text }]);
    const announcer = new ActivityAnnouncer(frameworkIndex, say, readActivityLevel());
    const onLevel = () => announcer.setLevel(readActivityLevel());
    window.addEventListener('slc-activity-level', onLevel);
    const provider = session.provider;
    const nameOf = (clientId: number) => {
      const state = provider.awareness.getStates().get(clientId);
      return isPresenceState(state) ? state.user.name : null;
    };
    // A removal names nobody in the doc; the person who made it lists it in their presence.
    announcer.resolveActor = (change) => {
      if (change.verb !== 'removed') return null;
      for (const [clientId, state] of provider.awareness.getStates())
        if (clientId !== provider.awareness.clientID && isPresenceState(state) && readRemoved(state.removed).includes(change.entryId)) return state.user.name;
      return null;
    };
    // A restore is said in one sentence, after whatever was waiting to be said, and the change it
    // makes (arriving next) is not read out as someone adding and removing cards.
    let restoreExpectedUntil = 0;
    // The first sync brings the whole board: that is not news. After it, what the relay sends is.
    const isRemote = (tr: Y.Transaction) => tr.origin === provider && provider.synced;
    const stop = watchRemoteChanges(session.doc, frameworkIndex, isRemote, nameOf, (changes) => {
      if (Date.now() < restoreExpectedUntil) {
        restoreExpectedUntil = 0;
        return;
      }
      announcer.push(changes);
    });
    const offRestore = session.control.onEvent((e) => {
      if (e.type !== 'restored') return;
      announcer.flush();
      restoreExpectedUntil = Date.now() + RESTORE_ARRIVES_WITHIN_MS;
      const time = new Date(e.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
      say(`The facilitator restored the board to how it was at ${time}.`);
    });
    return () => {
      offRestore();
      stop();
      announcer.clear();
      window.removeEventListener('slc-activity-level', onLevel);
    };
  }, [session]);

  // Facilitation moments: assertive for the lock, the timer and being brought somewhere.
  useEffect(() => {
    const control = session.control;
    let locked = control.state?.locked ?? null;
    const myTable = () => {
      const at = seatsMap(session.doc).get(seatIdOf(session.options.profile))?.get('tableId');
      return typeof at === 'string' && at ? at : null;
    };
    const tableName = (id: string) => {
      const name = tablesMap(session.doc).get(id)?.get('name');
      return typeof name === 'string' ? name : '';
    };
    let tableLocked: boolean | null = null;
    let reporting = false;
    let revealed = control.state?.vote?.revealed ?? false;
    let presenting = !!control.state?.presentation;
    let timerEnds: ReturnType<typeof setTimeout> | null = null;
    let timerKey = '';
    // The same sentence twice in a row is still read out: alternate an invisible trailing mark.
    let mark = false;
    const alert = (text: string) => {
      mark = !mark;
      setUrgent(mark ? `${text}\u200b` : text);
    };
    const polite = (text: string) => setLog((l) => [...l.slice(-(KEEP - 1)), { id: ++seq.current, text }]);
    const watchTimer = () => {
      const t = control.state?.timer;
      const key = t ? `${t.status}:${t.endsAt}` : '';
      if (key === timerKey) return;
      timerKey = key;
      if (timerEnds) clearTimeout(timerEnds);
      timerEnds = null;
      if (t?.status === 'running') timerEnds = setTimeout(() => alert('Time is up.'), timerRemaining(t, control.now()));
    };
    watchTimer();
    const offState = control.onState(() => {
      const s = control.state;
      if (!s) return;
      if (locked !== null && s.locked !== locked && role !== 'facilitator')
        alert(s.locked ? 'The facilitator locked the board: you can read it but not change it.' : 'The facilitator unlocked the board: you can edit again.');
      locked = s.locked;
      const mine = myTable();
      const nowTableLocked = !!mine && (s.lockedTables ?? []).includes(mine);
      if (mine && tableLocked !== null && nowTableLocked !== tableLocked && role !== 'facilitator')
        alert(
          nowTableLocked
            ? `The facilitator locked table ${tableName(mine)}: you can read its cards but not change them.`
            : `The facilitator unlocked table ${tableName(mine)}: you can edit again.`,
        );
      tableLocked = nowTableLocked;
      const nowRevealed = s.vote?.revealed ?? false;
      if (nowRevealed && !revealed) polite('Votes revealed. The results are on the cards and in the plan.');
      revealed = nowRevealed;
      if (!!s.presentation !== presenting && role !== 'facilitator') polite(s.presentation ? 'The facilitator started presenting.' : 'The presentation ended.');
      presenting = !!s.presentation;
      const nowReporting = !!s.presentation?.youPresent;
      if (nowReporting !== reporting && role !== 'facilitator' && s.presentation)
        alert(nowReporting ? 'The facilitator handed you the clicker: Next or the arrow keys step through.' : 'The facilitator took the clicker back.');
      reporting = nowReporting;
      watchTimer();
    });
    const offEvent = control.onEvent((e) => {
      if (e.type === 'summon' && role !== 'facilitator') {
        if (e.tableId === undefined) alert(`${e.from || 'The facilitator'} brought everyone to their view of the board.`);
        else if (e.tableId === myTable()) alert(`${e.from || 'The facilitator'} brought table ${tableName(e.tableId)} to their view of the board.`);
      }
      if (e.type === 'drafts.reveal') polite('The facilitator revealed everyone’s drafts on the board.');
      if (e.type === 'table.called') {
        const who = e.by ? ` (${e.by})` : '';
        if (role === 'facilitator') alert(`Table ${tableName(e.tableId)} is calling you${who}.`);
        else polite(`Table ${tableName(e.tableId)} called the facilitator${who}.`);
      }
    });
    return () => {
      offState();
      offEvent();
      if (timerEnds) clearTimeout(timerEnds);
    };
  }, [session, role]);

  return (
    <>
      <div role="log" aria-label="Activity" aria-live="polite" className="visually-hidden">
        {log.map((m) => (
          <p key={m.id}>{m.text}</p>
        ))}
      </div>
      <div aria-live="assertive" aria-atomic="true" className="visually-hidden" data-testid="urgent-announcement">
        {urgent}
      </div>
    </>
  );
}
