// Links at the very top of the workspace, shown when focused: from the top of the page, the board's
// tools and every other region are one Tab and one Enter away.
import { workspaceRegions, focusRegion } from './regions';
import { useWorkshop } from '../store/context';

export function SkipLinks() {
  const voting = useWorkshop((s) => !!s.control?.vote);
  return (
    <nav className="skip-links" aria-label="Skip to">
      {workspaceRegions
        .filter((r) => voting || !r.whileVoting)
        .map((r) => (
          <a
            key={r.label}
            href={`#${r.id}`}
            className="skip-link"
            onClick={(e) => {
              e.preventDefault();
              focusRegion(r, { open: true });
            }}
          >
            Skip to {r.label.toLowerCase()}
          </a>
        ))}
    </nav>
  );
}
