import { useActions, useWorkshop } from '../store/context';

const roleLabel = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

/**
 * Who is here right now, from awareness: name, organisation, colour, idle, and who follows whom;
 * and, from the relay, anyone connected who shares no presence (a link used by a script, or
 * under many identities), so nobody is in the room unseen. The count is of people as the relay
 * counts them, when it has said.
 */
export function ParticipantsPanel() {
  const participants = useWorkshop((s) => s.participants);
  const peopleHere = useWorkshop((s) => s.peopleHere);
  const following = useWorkshop((s) => s.following);
  const connected = useWorkshop((s) => s.status.connection === 'connected');
  const actions = useActions();
  const nameOf = (clientId: number | null | undefined) => participants.find((p) => p.clientId === clientId)?.user.name;
  const shown = new Set(participants.map((p) => p.clientId));
  const unseen = connected ? (peopleHere ?? []).filter((person) => !person.presence.some((id) => shown.has(id))) : [];
  const count = connected && peopleHere ? peopleHere.length : participants.length;
  return (
    <section className="participants" id="participants" aria-label="Participants">
      <h2 className="panel-title">
        Participants <span className="count">{count}</span>
      </h2>
      <ul>
        {participants.map((p) => {
          const leader = nameOf(p.following);
          return (
            <li key={p.clientId} className={p.idle ? 'idle' : ''}>
              <span className="avatar" style={{ background: p.user.colour }} aria-hidden="true">
                {initials(p.user.name)}
              </span>
              <span className="who">
                <span className="name">
                  {p.user.name}
                  {p.isSelf && ' (you)'}
                </span>
                <span className="org small muted">
                  {p.user.organisation}
                  {p.user.role ? ` · ${roleLabel[p.user.role]}` : ''}
                </span>
                {leader && (
                  <span className="small following">
                    {p.user.name} following {leader}
                  </span>
                )}
              </span>
              {/* Presence and Follow stacked in one narrow column, so the name keeps the width. */}
              <span className="participant-side">
                <span className={`presence ${presenceOf(p, connected)}`}>{presenceOf(p, connected)}</span>
                {!p.isSelf &&
                  (following === p.clientId ? (
                    <button className="btn btn-sm btn-warn" onClick={() => actions.follow(null)}>
                      Stop following
                    </button>
                  ) : (
                    <button className="btn btn-sm btn-ghost" aria-label={`Follow ${p.user.name}`} onClick={() => actions.follow(p.clientId)}>
                      Follow
                    </button>
                  ))}
              </span>
            </li>
          );
        })}
        {unseen.map((person) => (
          <li key={person.ref} className="unseen">
            <span className="avatar avatar-unseen" aria-hidden="true">
              ?
            </span>
            <span className="who">
              <span className="name">Someone not sharing a name</span>
              <span className="org small muted">
                {roleLabel[person.role]} link{person.connections > 1 ? ` · ${person.connections} connections` : ''}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** What a row says about the person: this device's own row follows its connection. */
function presenceOf(p: { isSelf: boolean; idle: boolean }, connected: boolean): 'offline' | 'idle' | 'online' {
  if (p.isSelf && !connected) return 'offline';
  return p.idle ? 'idle' : 'online';
}
