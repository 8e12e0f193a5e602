import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import type { OrganisationType } from '../../../shared/doc/layout';
import { OrganisationTypeSelect } from '../ui/OrganisationTypeSelect';
import type { Profile } from '../collab/presence';

/** Asked once per browser or desktop profile; what is entered here is how others see you. */
export function JoinDialog({ onJoin, initial }: { onJoin: (p: Profile) => void; initial?: Profile | null }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [organisation, setOrganisation] = useState(initial?.organisation ?? '');
  const [organisationType, setOrganisationType] = useState<OrganisationType | ''>(initial?.organisationType ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Enter your name so others know who is here.');
    if (!organisation.trim()) return setError('Enter your organisation.');
    if (!organisationType) return setError('Choose your organisation type.');
    onJoin({ name: name.trim(), organisation: organisation.trim(), organisationType });
  };

  return (
    <Dialog title="Join the workshop">
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">Tell the room who you are. This is remembered on this device.</p>
        <label htmlFor="join-name">Your name</label>
        <input id="join-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={80} />
        <label htmlFor="join-org">Organisation</label>
        <input id="join-org" value={organisation} onChange={(e) => setOrganisation(e.target.value)} autoComplete="organization" maxLength={120} />
        <label htmlFor="join-type">Organisation type</label>
        <OrganisationTypeSelect id="join-type" value={organisationType} onChange={setOrganisationType} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row end">
          <button className="btn btn-primary" type="submit">
            Join
          </button>
        </div>
      </form>
    </Dialog>
  );
}
