// Opens one workshop: makes sure we know who the user is and which link to use, then starts a
// session and hands its store to the workspace.
import { lazy, Suspense, useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import { WorkshopSession } from './collab/session';
import { createWorkshopStore, type WorkshopState } from './store/workshop-store';
import { WorkshopStoreContext, useWorkshop } from './store/context';
import { loadProfile, saveProfile, recentWorkshop, rememberWorkshop, voterId } from './lib/local-prefs';
import { socketBase } from './lib/routes';
import { JoinDialog } from './start/JoinDialog';
import { PhoneWorkshop } from './phone/PhoneWorkshop';
import { usePhoneLayout } from './phone/use-phone-layout';
import { AudienceScreen } from './facilitation/AudienceScreen';
import { PresenterScreen } from './facilitation/PresenterScreen';
import type { Profile } from './collab/presence';

// The board (and React Flow with it) loads only when a screen shows it, so a phone starts light.
const loadWorkspace = () => import('./Workspace');
const Workspace = lazy(() => loadWorkspace().then((m) => ({ default: m.Workspace })));

export function WorkshopScreen({
  workshopId,
  linkToken,
  audience = false,
  presenter = false,
}: {
  workshopId: string;
  linkToken: string | null;
  audience?: boolean;
  presenter?: boolean;
}) {
  const [profile, setProfile] = useState<Profile | null>(() => loadProfile());
  const [store, setStore] = useState<StoreApi<WorkshopState> | null>(null);
  const token = linkToken ?? recentWorkshop(workshopId)?.token ?? null;
  const phone = usePhoneLayout();
  // Fetch the board while the session connects rather than after.
  useEffect(() => {
    if (!phone && !audience && !presenter) void loadWorkspace();
  }, [phone, audience, presenter]);

  useEffect(() => {
    if (!profile || !token) return;
    const known = recentWorkshop(workshopId);
    const session = new WorkshopSession({
      socketBase: socketBase(),
      workshopId,
      token,
      profile,
      knownRole: known?.token === token ? known.role : null,
      voterId: voterId(),
    });
    const s = createWorkshopStore(session);
    setStore(s);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      const { snapshot, status } = s.getState();
      rememberWorkshop({ id: workshopId, title: snapshot.meta.title, token, role: status.role ?? undefined });
      session.provider.off('sync', onSync);
    };
    session.provider.on('sync', onSync);
    return () => {
      session.provider.off('sync', onSync);
      session.destroy();
      setStore(null);
    };
  }, [profile, token, workshopId, audience]);

  if (!token) {
    return (
      <main className="center-message">
        <h1>This link is incomplete</h1>
        <p>Ask the facilitator to send the whole workshop link again.</p>
        <a className="btn" href="#/">
          Back to start
        </a>
      </main>
    );
  }
  if (!profile) {
    return (
      <JoinDialog
        onJoin={(p) => {
          saveProfile(p);
          setProfile(p);
        }}
      />
    );
  }
  if (!store) return <main className="center-message">Opening the workshop…</main>;
  return (
    <WorkshopStoreContext.Provider value={store}>
      <AdmittedOnly>
        {audience ? (
          <AudienceScreen />
        ) : presenter ? (
          <PresenterScreen />
        ) : phone ? (
          <PhoneWorkshop />
        ) : (
          <Suspense fallback={<main className="center-message">Opening the board…</main>}>
            <Workspace />
          </Suspense>
        )}
      </AdmittedOnly>
    </WorkshopStoreContext.Provider>
  );
}

/**
 * A link the host refuses before ever admitting this device (a wrong or withdrawn token, another
 * workshop's link) gets a page that says so, not an empty board with a banner. Someone who was
 * admitted before keeps their board (and its local copy) under the banner.
 */
function AdmittedOnly({ children }: { children: React.ReactNode }) {
  const refusedOutright = useWorkshop((s) => s.status.refusal !== null && s.status.role === null);
  const refusal = useWorkshop((s) => s.status.refusal);
  if (!refusedOutright) return <>{children}</>;
  return (
    <main className="center-message">
      <h1>This link does not open the workshop</h1>
      <p role="alert">{refusal}</p>
      <a className="btn" href="#/">
        Back to start
      </a>
    </main>
  );
}
