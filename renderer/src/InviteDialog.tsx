import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { Dialog } from './ui/Dialog';
import { fetchLinks, rotateLink, type WorkshopLinks } from './lib/api';
import { joinLink } from './lib/routes';
import { useWorkshop } from './store/context';

/** Edit and view-only links (with a QR code for phones and laptops in the room). */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const session = useWorkshop((s) => s.session);
  const role = useWorkshop((s) => s.status.role);
  const { workshopId, token } = session.options;
  const [links, setLinks] = useState<WorkshopLinks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    fetchLinks(workshopId, token).then(setLinks, (e: Error) => setError(e.message));
  }, [workshopId, token]);

  const editLink = links ? joinLink(workshopId, links.participant) : '';
  const viewLink = links ? joinLink(workshopId, links.viewer) : '';
  useEffect(() => {
    if (!editLink) return;
    QRCode.toDataURL(editLink, { margin: 1, width: 180, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(null));
  }, [editLink]);

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
      const { token: fresh } = await rotateLink(workshopId, token, which);
      // A new link has a new code too: ask the host for both.
      setLinks(await fetchLinks(workshopId, token).catch(() => null));
      void fresh;
      setCopied(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog title="Invite people" onClose={onClose} wide>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!links && !error && <p className="muted">Getting the links…</p>}
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
              Anyone with this link can add and change things on the board. Or type the code{' '}
              <strong className="join-code" aria-label={`Edit code ${links.codes.participant.split('').join(' ')}`}>
                {links.codes.participant}
              </strong>{' '}
              on the start screen.
            </p>
            <label htmlFor="invite-view">View-only link</label>
            <div className="row gap">
              <input id="invite-view" readOnly value={viewLink} onFocus={(e) => e.target.select()} className="grow mono" />
              <button className="btn" onClick={() => copy('view', viewLink)}>
                {copied === 'view' ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="small muted">
              For observers: they see the board live but cannot change it. Code: <strong className="join-code">{links.codes.viewer}</strong>
            </p>
            {role === 'facilitator' && (
              <div className="row gap">
                <button className="btn btn-sm" onClick={() => withdraw('participant')}>
                  Withdraw edit link
                </button>
                <button className="btn btn-sm" onClick={() => withdraw('viewer')}>
                  Withdraw view-only link
                </button>
              </div>
            )}
          </div>
          {qr && (
            <figure className="qr">
              <img src={qr} width={180} height={180} alt="QR code of the edit link" />
              <figcaption className="small muted">Scan to join with the edit link</figcaption>
            </figure>
          )}
        </div>
      )}
    </Dialog>
  );
}
