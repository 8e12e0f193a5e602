import { useWorkshop } from '../store/context';

const roleLabel = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

/** Who is here right now, from awareness: name, organisation, colour, and whether they are idle. */
export function ParticipantsPanel() {
  const participants = useWorkshop((s) => s.participants);
  return (
    <section className="participants" aria-label="Participants">
      <h2 className="panel-title">
        Participants <span className="count">{participants.length}</span>
      </h2>
      <ul>
        {participants.map((p) => (
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
            </span>
            <span className={`presence ${p.idle ? 'idle' : 'online'}`}>{p.idle ? 'idle' : 'online'}</span>
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
