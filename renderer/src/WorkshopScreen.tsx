// Opens one workshop: makes sure we know who the user is and which link to use, then starts a
// session and hands its store to the workspace.
import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import { WorkshopSession } from './collab/session';
import { createWorkshopStore, type WorkshopState } from './store/workshop-store';
import { WorkshopStoreContext } from './store/context';
import { loadProfile, saveProfile, recentWorkshop, rememberWorkshop, voterId } from './lib/local-prefs';
import { socketBase } from './lib/routes';
import { JoinDialog } from './start/JoinDialog';
import { Workspace } from './Workspace';
import { AudienceScreen } from './facilitation/AudienceScreen';
import type { Profile } from './collab/presence';
import { takeSampleRequest } from './lib/pending-sample';
import { applyPendingTemplate } from './templates/template-library';
import { loadSample } from '../../shared/doc/sample';
import { frameworkIndex } from '../../shared/framework';
import sample from '../../resources/sample-workshop.json';

export function WorkshopScreen({ workshopId, linkToken, audience = false }: { workshopId: string; linkToken: string | null; audience?: boolean }) {
  const [profile, setProfile] = useState<Profile | null>(() => loadProfile());
  const [store, setStore] = useState<StoreApi<WorkshopState> | null>(null);
  const token = linkToken ?? recentWorkshop(workshopId)?.token ?? null;

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
    const wantsSample = takeSampleRequest(workshopId);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      const { snapshot, status } = s.getState();
      rememberWorkshop({ id: workshopId, title: snapshot.meta.title, token, role: status.role ?? undefined });
      if (wantsSample && session.canEdit && s.getState().snapshot.cards.size === 0) {
        session.change((doc, origin) => loadSample(doc, sample, frameworkIndex, origin, false));
        session.undo.clear();
      }
      applyPendingTemplate(workshopId, session);
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
  return <WorkshopStoreContext.Provider value={store}>{audience ? <AudienceScreen /> : <Workspace />}</WorkshopStoreContext.Provider>;
}
