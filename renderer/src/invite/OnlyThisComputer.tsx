import type { InviteAddress } from '../../../shared/invite-address';

type Why = Extract<InviteAddress, { reachable: false }>['why'];

/**
 * Said plainly in Invite people when its links open on this computer alone, with the one step
 * that opens the workshop to the room. The QR code is left out then: a phone would only fail on it.
 */
export function OnlyThisComputer({ why, desktop }: { why: Why; desktop: boolean }) {
  return (
    <section className="invite-warning" role="note" aria-labelledby="invite-warning-heading">
      <h3 id="invite-warning-heading">{why === 'no-network' ? 'This computer is not on a network' : 'Only this computer can open these links'}</h3>
      {why === 'no-network' ? (
        <p>
          The host is open to the network, but this computer has no network address yet, so no phone or laptop in the room could reach it. Join the venue&apos;s
          Wi-Fi, then open Invite people again.
        </p>
      ) : (
        <>
          <p>
            This host listens on {window.location.hostname}, which only this computer can reach: the links below would not open on anyone else&apos;s phone or
            laptop, so there is no QR code. They do work here, for example for a second window on the projector.
          </p>
          {desktop ? (
            <p>
              To open it to the room, choose a network interface under <strong>Host on the local network</strong> above and press <strong>Start hosting</strong>
              : the links and a QR code then use this computer&apos;s network address.
            </p>
          ) : (
            <p>
              To open it to the room, host it from the desktop app (Invite people › <strong>Host on the local network</strong>), or stop this host and start it
              again with <code>npm run serve -- --host 0.0.0.0</code> on a network you trust. The links and a QR code then use this computer&apos;s network
              address.
            </p>
          )}
        </>
      )}
    </section>
  );
}
