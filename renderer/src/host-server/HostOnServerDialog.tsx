// "Host on a server": create the workshop on a host on the internet so remote people join with
// ordinary links, while this device keeps the facilitator link and can save the workshop file.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { joinLink } from '../lib/routes';
import { downloadBlob, fileNameFor } from '../export/download';
import { downloadWorkshopFile, type CreatedWorkshop } from '../lib/api';
import { createOnServer, downloadFromServer, forgetServerSettings, importToServer, loadServerSettings, saveServerSettings, serverOrigin } from './remote-host';
import './host-server.css';
import { FormFooter } from '../ui/FormFooter';

interface Created {
  origin: string;
  title: string;
  workshop: CreatedWorkshop;
}

/** A workshop open on this device that can be copied to the server instead of starting a new one. */
export interface LocalWorkshop {
  id: string;
  token: string;
  title: string;
}

export function HostOnServerDialog({ onClose, copyOf }: { onClose: () => void; copyOf?: LocalWorkshop }) {
  const remembered = loadServerSettings();
  const [address, setAddress] = useState(remembered?.address ?? '');
  const [hostKey, setHostKey] = useState(remembered?.hostKey ?? '');
  const [remember, setRemember] = useState(remembered !== null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    let origin: string;
    try {
      origin = serverOrigin(address);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    if (!hostKey.trim()) return setError('Enter the host key you were given for this server.');
    if (!copyOf && !title.trim()) return setError('Give the workshop a title.');
    setBusy(true);
    try {
      const settings = { address: origin, hostKey };
      // A copy: the file as this device's host has it now, checked again and given new links by the server.
      const workshop = copyOf
        ? await importToServer(settings, await downloadWorkshopFile(copyOf.id, copyOf.token))
        : await createOnServer(settings, { title: title.trim(), footprint: '', academyId: '', date: new Date().toISOString().slice(0, 10) });
      if (remember) saveServerSettings({ address: origin, hostKey: hostKey.trim() });
      else forgetServerSettings();
      setCreated({ origin, title: copyOf?.title ?? title.trim(), workshop });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Host on a server" onClose={onClose} wide>
      {created ? (
        <CreatedOnServer created={created} />
      ) : (
        <form className="stack host-server-form" onSubmit={submit} noValidate>
          <p className="small muted">
            {copyOf
              ? `Copy “${copyOf.title}” to a server on the internet, so people outside this building can join with ordinary links. The workshop then continues on the server: changes made here afterwards are not copied.`
              : 'Create the workshop on a server on the internet (one run with “npm run serve” or the Docker image), so people outside this building can join with ordinary links.'}{' '}
            You need the server’s address and its host key.
          </p>
          <label htmlFor="hs-address">Server address</label>
          <input
            id="hs-address"
            type="url"
            inputMode="url"
            autoComplete="url"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="https://canvas.example.org"
          />
          <label htmlFor="hs-key">Host key</label>
          <input id="hs-key" type="password" autoComplete="off" spellCheck={false} value={hostKey} onChange={(e) => setHostKey(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember the server and its key on this device
          </label>
          {!copyOf && (
            <>
              <label htmlFor="hs-title">Workshop title</label>
              <input id="hs-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Leading together on hospital discharge" />
            </>
          )}
          <FormFooter
            error={error}
            busy={busy}
            onCancel={onClose}
            submitLabel={busy ? (copyOf ? 'Copying…' : 'Creating…') : copyOf ? 'Copy to the server' : 'Create on the server'}
          />
        </form>
      )}
    </Dialog>
  );
}

/** The way into this dialog from "Invite people", for people outside the building. */
export function HostOnServerOffer({ onOpen }: { onOpen: () => void }) {
  return (
    <section className="host-server-offer" aria-labelledby="host-server-offer-heading">
      <div className="stack">
        <h3 id="host-server-offer-heading">People outside this building?</h3>
        <p className="small muted">Copy the workshop to a server on the internet and share links that work from anywhere.</p>
      </div>
      <button className="btn" onClick={onOpen}>
        Host on a server…
      </button>
    </section>
  );
}

function CreatedOnServer({ created }: { created: Created }) {
  const { origin, title, workshop } = created;
  const base = `${origin}/`;
  const links = [
    {
      id: 'hs-facilitator',
      label: 'Facilitator link',
      value: joinLink(workshop.id, workshop.tokens.facilitator, base),
      note: 'Keep this one to yourself: it runs the workshop.',
    },
    {
      id: 'hs-edit',
      label: 'Edit link',
      value: joinLink(workshop.id, workshop.tokens.participant, base),
      note: 'For participants: they add and change things.',
    },
    { id: 'hs-view', label: 'View-only link', value: joinLink(workshop.id, workshop.tokens.viewer, base), note: 'For observers: they watch live.' },
  ];
  const [copied, setCopied] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const copy = async (id: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(id);
    } catch {
      setCopied(null);
    }
  };

  const save = async () => {
    setSaving(true);
    setMessage(null);
    try {
      const blob = await downloadFromServer(origin, workshop.id, workshop.tokens.facilitator);
      const name = fileNameFor(title, 'slcanvas');
      downloadBlob(blob, name);
      setMessage({ error: false, text: `Saved ${name} from the server.` });
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack host-server-created">
      <p role="status">
        “{title}” is ready on <strong>{new URL(origin).host}</strong>. Open it with the facilitator link; share the others.
      </p>
      {links.map((l) => (
        <div className="stack" key={l.id}>
          <label htmlFor={l.id}>{l.label}</label>
          <div className="row gap">
            <input id={l.id} readOnly value={l.value} onFocus={(e) => e.target.select()} className="grow mono" />
            <button className="btn" onClick={() => copy(l.id, l.value)} aria-label={`Copy ${l.label.toLowerCase()}`}>
              {copied === l.id ? 'Copied' : 'Copy'}
            </button>
          </div>
          <p className="small muted">{l.note}</p>
        </div>
      ))}
      <div className="row gap host-server-actions">
        <a className="btn btn-primary" href={links[0]!.value} target="_blank" rel="noopener noreferrer">
          Open the workshop on the server
        </a>
        <button className="btn" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : 'Save the workshop file'}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'error' : 'small muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
