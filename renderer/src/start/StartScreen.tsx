import { useState } from 'react';
import { loadRecent } from '../lib/local-prefs';
import { navigate, workshopHash, parseRoute } from '../lib/routes';
import { NewWorkshopDialog } from './NewWorkshopDialog';
import { OpenWorkshopFile } from './OpenWorkshopFile';
import { DesktopFiles } from './DesktopFiles';
import { desktopApi } from '../lib/desktop';
import { frameworkIndex } from '../../../shared/framework';
import { lookUpCode } from '../lib/api';
import { Logo } from '../ui/Logo';
import { AccessibilityStatementButton } from '../a11y/AccessibilityStatement';
import { HostOnServerDialog } from '../host-server/HostOnServerDialog';
import { PortfolioDialog } from '../portfolio/PortfolioDialog';
import { HostKeyField, HOST_KEY_FIELD_ID, useHostKeyStatus } from './HostKeyField';

export function StartScreen({ openNew = false }: { openNew?: boolean }) {
  const [creating, setCreating] = useState(openNew);
  const [onServer, setOnServer] = useState(false);
  const [portfolio, setPortfolio] = useState(false);
  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const recent = loadRecent();
  const keyStatus = useHostKeyStatus();
  const [askedFor, setAskedFor] = useState<string | null>(null);
  /** Until the host key is in, an action that needs it leads to the field instead of a form the host would refuse. */
  const withHostKey = (what: string, open: () => void) => () => {
    if (keyStatus !== 'needed' && keyStatus !== 'wrong') return open();
    setAskedFor(what);
    document.getElementById(HOST_KEY_FIELD_ID)?.focus();
  };

  const openLink = async (e: React.FormEvent) => {
    e.preventDefault();
    // A short code read off the facilitator's screen, instead of a link.
    if (/^[a-z0-9]{4}[-\s]?[a-z0-9]{4}$/i.test(link.trim())) {
      try {
        const found = await lookUpCode(link);
        navigate(workshopHash(found.id, found.token));
      } catch (err) {
        setLinkError((err as Error).message);
      }
      return;
    }
    const hashAt = link.indexOf('#');
    const route = parseRoute(hashAt >= 0 ? link.slice(hashAt) : '');
    if (route.name !== 'workshop' || !route.token) {
      setLinkError('That does not look like a workshop link or code. Paste the whole link you were sent, or type the 8-character code.');
      return;
    }
    const url = new URL(link, window.location.href);
    if (url.host !== window.location.host) {
      window.location.href = link;
      return;
    }
    navigate(workshopHash(route.id, route.token));
  };

  return (
    <div className="start">
      <header className="start-header">
        <Logo />
        <div>
          <h1>Systems Leadership Canvas</h1>
          <p className="muted">Co-design systems leadership development with everyone in the room, on the NHS framework.</p>
        </div>
      </header>
      <main className="start-main">
        <section className="start-card" aria-labelledby="start-new">
          <h2 id="start-new">Start a workshop</h2>
          <p>A board laid out in the four domains of the framework, with its {frameworkIndex.interventionById.size} interventions ready to drag into a plan.</p>
          <HostKeyField askedFor={askedFor} />
          <button className="btn btn-primary btn-lg" onClick={withHostKey('Creating a workshop', () => setCreating(true))}>
            New workshop
          </button>
          <button className="btn" onClick={() => setOnServer(true)}>
            Host on a server
          </button>
          {desktopApi() ? <DesktopFiles /> : <OpenWorkshopFile />}
          <button className="btn" onClick={withHostKey('The Portfolio', () => setPortfolio(true))}>
            Portfolio
          </button>
        </section>
        <section className="start-card" aria-labelledby="start-join">
          <h2 id="start-join">Join a workshop</h2>
          <form onSubmit={openLink} className="stack">
            <label htmlFor="join-link">Workshop link or code</label>
            <input
              id="join-link"
              value={link}
              onChange={(e) => (setLink(e.target.value), setLinkError(null))}
              placeholder="Paste the link, or type a code like K7QP-M2XD"
              aria-invalid={!!linkError}
              aria-describedby={linkError ? 'join-link-error' : undefined}
            />
            {linkError && (
              <p id="join-link-error" className="error" role="alert">
                {linkError}
              </p>
            )}
            <button className="btn" type="submit" disabled={!link.trim()}>
              Open workshop
            </button>
          </form>
        </section>
        <section className="start-card start-recent" aria-labelledby="start-recent">
          <h2 id="start-recent">Recent workshops</h2>
          {recent.length === 0 ? (
            <p className="muted">Workshops you open appear here.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r.id}>
                  <a href={workshopHash(r.id, r.token)}>
                    <span className="recent-title">{r.title}</span>
                    <span className="muted small">opened {new Date(r.openedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
      <footer className="start-footer">
        <AccessibilityStatementButton />
      </footer>
      {onServer && <HostOnServerDialog onClose={() => setOnServer(false)} />}
      {portfolio && <PortfolioDialog onClose={() => setPortfolio(false)} />}
      {creating && (
        <NewWorkshopDialog
          onClose={() => {
            setCreating(false);
            if (openNew) navigate('#/');
          }}
        />
      )}
    </div>
  );
}
