import { useState, useEffect } from 'react';
import { ParticipantsPanel } from './ParticipantsPanel';
import { DetailsPanel } from './DetailsPanel';
import { FrameworkPanel } from './FrameworkPanel';
import { OutlinePanel } from './OutlinePanel';
import { useWorkshop } from '../store/context';
import { VotePanel } from '../facilitation/VotePanel';
import { DraftsPanel } from '../facilitation/DraftsPanel';
import { AgendaPanel } from '../facilitation/AgendaPanel';

const tabs = [
  { id: 'details', label: 'Details' },
  { id: 'framework', label: 'Framework' },
  { id: 'outline', label: 'Outline' },
  { id: 'drafts', label: 'Drafts' },
  { id: 'agenda', label: 'Agenda' },
] as const;
type TabId = (typeof tabs)[number]['id'];

export function SidePanel() {
  const [tab, setTab] = useState<TabId>('details');
  const selection = useWorkshop((s) => s.selection);
  // The vote panel takes room above the tabs only while a vote is open.
  const voteOpen = useWorkshop((s) => !!s.control?.vote);
  // Selecting something shows its details, wherever the user was.
  // If the choice was made inside the panel (say, in the Outline), focus follows to the details,
  // rather than falling to the page when the chosen button goes away.
  useEffect(() => {
    if (selection.length === 0) return;
    const fromPanel = !!document.activeElement?.closest('.tabpanel');
    setTab('details');
    if (fromPanel) requestAnimationFrame(() => document.getElementById('tabpanel-details')?.focus());
  }, [selection]);
  return (
    <aside className="side" id="side-panel" aria-label="Side panel">
      <ParticipantsPanel />
      {voteOpen && <VotePanel />}
      <div className="tabs" role="tablist" aria-label="Side panel">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const i = tabs.findIndex((x) => x.id === tab);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'details' && <DetailsPanel />}
        {tab === 'framework' && <FrameworkPanel />}
        {tab === 'outline' && <OutlinePanel />}
        {tab === 'drafts' && <DraftsPanel />}
        {tab === 'agenda' && <AgendaPanel />}
      </div>
    </aside>
  );
}
