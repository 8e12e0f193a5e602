// The projector screen: only the presentation, following the presenter's step, with no
// controls and no presenter notes. Between presentations it shows the workshop's title.
import { useWorkshop } from '../store/context';
import { PresentationView } from './PresentationView';

export function AudienceScreen() {
  const presentation = useWorkshop((s) => s.control?.presentation ?? null);
  const meta = useWorkshop((s) => s.snapshot.meta);
  if (presentation) return <PresentationView step={presentation.step} presenter={false} audience onStep={() => {}} onExit={() => {}} />;
  return (
    <main className="audience-idle">
      <p className="presentation-kicker">Systems Leadership Canvas</p>
      <h1>{meta.title}</h1>
      {meta.footprint && <p>{meta.footprint}</p>}
      <p className="muted">The presentation will appear here.</p>
    </main>
  );
}
