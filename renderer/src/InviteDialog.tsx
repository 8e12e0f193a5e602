import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { Dialog } from './ui/Dialog';
import { fetchLinks, rotateLink, stopCodes, type WorkshopLinks } from './lib/api';
import { joinLink, navigate, workshopHash } from './lib/routes';
import { desktopApi } from './lib/desktop';
import type { Hosting, NetworkInterface } from '../../shared/ipc-contract';
import { useWorkshop } from './store/context';
import { HostOnServerDialog, HostOnServerOffer } from './host-server/HostOnServerDialog';
import { inviteAddress } from '../../shared/invite-address';
import { OnlyThisComputer } from './invite/OnlyThisComputer';

const QR_SIZE = 200;

/** Edit and view-only links (with a QR code for phones and laptops in the room). */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const session = useWorkshop((s) => s.session);
  const role = useWorkshop((s) => s.status.role);
  const { workshopId, token } = session.options;
  const [links, setLinks] = useState<WorkshopLinks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [codesStopped, setCodesStopped] = useState(false);
  const [onServer, setOnServer] = useState(false);
  const title = useWorkshop((s) => s.snapshot.meta.title);

  useEffect(() => {
    fetchLinks(workshopId, token).then(setLinks, (e: Error) => setError(e.message));
  }, [workshopId, token]);

  const [hosting, setHosting] = useState<Hosting | null>(null);
  // The links name an address other devices can open where there is one (the desktop app hosting
  // on the local network, the host's public URL or network address); otherwise this page's own.
  const address = links ? inviteAddress(window.location, links.reach ?? null, hosting) : null;
  const editLink = links && address ? joinLink(workshopId, links.participant, address.origin) : '';
  const viewLink = links && address ? joinLink(workshopId, links.viewer, address.origin) : '';
  const reachable = address?.reachable ?? false;
  // A stopped code stays stopped (the host answers null for it), even after this dialog is opened again.
  const editCode = codesStopped ? null : (links?.codes.participant ?? null);
  const viewCode = codesStopped ? null : (links?.codes.viewer ?? null);
  useEffect(() => {
    // A QR code of a link only this computer can open would only mislead the phone that scans it.
    if (!editLink || !reachable) {
      setQr(null);
      return;
    }
    // A quiet zone of four modules, as the QR standard asks, drawn into the image itself so it is
    // white whatever sits around it.
    QRCode.toDataURL(editLink, { margin: 4, width: QR_SIZE, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [editLink, reachable]);

  const copy = async (what: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };

  const withdraw = async (which: 'participant' | 'viewer') => {
    try {
      await rotateLink(workshopId, token, which);
      // A new link has a new code too: ask the host for both.
      setLinks(await fetchLinks(workshopId, token).catch(() => null));
      // The host's answer says which codes work now: a renewed link has a new one.
      setCodesStopped(false);
      setCopied(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** Short codes are easy to pass on; once everyone is in, the facilitator turns them off. */
  const stopInviting = async () => {
    try {
      await stopCodes(workshopId, token);
      setCodesStopped(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /**
   * The facilitator's own link, e.g. after it was forwarded by mistake. The host disconnects
   * everyone using the old one, this tab included, so this tab moves to the new link; edits not
   * yet on the host are in this browser's local copy and go up as soon as it reconnects.
   */
  const withdrawOwn = async () => {
    try {
      const { token: fresh } = await rotateLink(workshopId, token, 'facilitator');
      navigate(workshopHash(workshopId, fresh));
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // In place of this dialog rather than over it: one modal at a time.
  if (onServer) return <HostOnServerDialog onClose={() => setOnServer(false)} copyOf={{ id: workshopId, token, title }} />;

  return (
    <Dialog title="Invite people" onClose={onClose} wide>
      {desktopApi() && <LocalNetworkHosting onHosting={setHosting} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!links && !error && <p className="muted">Getting the links…</p>}
      {address && !address.reachable && <OnlyThisComputer why={address.why} desktop={!!desktopApi()} />}
      {links && (
        <div className="invite">
          <div className="stack grow">
            <label htmlFor="invite-edit">Edit link</label>
            <div className="row gap">
              <input id="invite-edit" readOnly value={editLink} onFocus={(e) => e.target.select()} className="grow mono" />
              <button className="btn" onClick={() => copy('edit', editLink)}>
                {copied === 'edit' ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="small muted">
              Anyone with this link can add and change things on the board.
              {editCode === null ? (
                ' The short codes have been stopped; withdrawing the link makes a new one with a new code.'
              ) : (
                <>
                  {' '}
                  Or type the code{' '}
                  <strong className="join-code" aria-label={`Edit code ${editCode.split('').join(' ')}`}>
                    {editCode}
                  </strong>{' '}
                  on the start screen (it works for a day, or until you stop inviting).
                </>
              )}
            </p>
            <label htmlFor="invite-view">View-only link</label>
            <div className="row gap">
              <input id="invite-view" readOnly value={viewLink} onFocus={(e) => e.target.select()} className="grow mono" />
              <button className="btn" onClick={() => copy('view', viewLink)}>
                {copied === 'view' ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="small muted">
              For observers: they see the board live but cannot change it.
              {viewCode !== null && (
                <>
                  {' '}
                  Code: <strong className="join-code">{viewCode}</strong>
                </>
              )}
            </p>
            {role === 'facilitator' && (
              <div className="row gap">
                <button className="btn btn-sm" onClick={() => withdraw('participant')}>
                  Withdraw edit link
                </button>
                <button className="btn btn-sm" onClick={() => withdraw('viewer')}>
                  Withdraw view-only link
                </button>
                <button className="btn btn-sm" onClick={stopInviting} disabled={editCode === null && viewCode === null}>
                  Stop inviting
                </button>
                <button className="btn btn-sm" onClick={withdrawOwn} title="Gives you a new facilitator link and disconnects anyone using the old one">
                  Withdraw my facilitator link
                </button>
              </div>
            )}
          </div>
          {reachable && qr && (
            <figure className="qr">
              <img src={qr} width={QR_SIZE} height={QR_SIZE} alt="QR code of the edit link" />
              <figcaption className="small muted">Scan to join with the edit link</figcaption>
            </figure>
          )}
        </div>
      )}
      {role === 'facilitator' && <HostOnServerOffer onOpen={() => setOnServer(true)} />}
    </Dialog>
  );
}

/** Desktop app only: opens the built-in relay to the local network on an interface the host picks. */
function LocalNetworkHosting({ onHosting }: { onHosting: (hosting: Hosting | null) => void }) {
  const [interfaces, setInterfaces] = useState<NetworkInterface[] | null>(null);
  const [hosting, setHosting] = useState<Hosting | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const api = desktopApi();
    if (!api) return;
    let live = true;
    api.hostingOptions().then(
      (o) => {
        if (!live) return;
        setInterfaces(o.interfaces);
        setHosting(o.hosting);
        onHosting(o.hosting);
        setChosen(o.hosting?.address ?? o.interfaces[0]?.address ?? '');
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [onHosting]);

  const toggle = async () => {
    const api = desktopApi();
    if (!api) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.startHosting(hosting ? null : chosen);
      setHosting(next);
      onHosting(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="invite-lan-heading">
      <h3 id="invite-lan-heading">Host on the local network</h3>
      {interfaces && interfaces.length === 0 && <p className="small muted">This computer is not connected to a network.</p>}
      {interfaces && interfaces.length > 0 && (
        <div className="row gap">
          <label htmlFor="invite-interface">Network interface</label>
          <select id="invite-interface" value={chosen} disabled={busy || !!hosting} onChange={(e) => setChosen(e.target.value)}>
            {interfaces.map((i) => (
              <option key={i.address} value={i.address}>
                {i.name} — {i.address}
              </option>
            ))}
          </select>
          <button className="btn" disabled={busy || !chosen} onClick={toggle}>
            {hosting ? 'Stop hosting' : 'Start hosting'}
          </button>
        </div>
      )}
      {hosting && <p className="small muted">{`People on the same network can join at http://${hosting.address}:${hosting.port} with the links below.`}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
