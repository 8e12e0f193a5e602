// "Export": the plan as a PDF report, CSV, Markdown, or an image of the board. Slow exports
// show their progress; failures say what went wrong and leave the workshop untouched.
import { useEffect, useRef, useState } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { planCsv } from '../../../shared/export/csv';
import { readFollowUp } from '../../../shared/doc/follow-up';
import { workshopMarkdown } from '../../../shared/export/markdown';
import { useWorkshop, useWorkshopStore } from '../store/context';
import { downloadBlob, dataUrlToBlob, fileNameFor } from './download';
import { boardPng } from './board-image';
import { shownLayout } from '../board/shown-layout';
import { downloadWorkshopFile } from '../lib/api';

type Format = 'pdf' | 'pptx' | 'csv' | 'md' | 'png' | 'slcanvas';
const formats: { id: Format; label: string }[] = [
  { id: 'pdf', label: 'PDF report' },
  { id: 'pptx', label: 'PowerPoint' },
  { id: 'csv', label: 'CSV' },
  { id: 'md', label: 'Markdown' },
  { id: 'png', label: 'Image' },
  { id: 'slcanvas', label: 'Workshop file' },
];

/** how long a success message stays before it has faded away */
const MESSAGE_MS = 5000;

export function ExportMenu() {
  const store = useWorkshopStore();
  // The host gives the workshop file only to those who can edit it; a viewer is not offered it.
  const mayDownloadFile = useWorkshop((s) => s.status.role === 'facilitator' || s.status.role === 'participant');
  const shown = mayDownloadFile ? formats : formats.filter((f) => f.id !== 'slcanvas');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<{ step: string; fraction: number } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // "CSV exported." is news for a moment, not a standing notice: it fades after a few seconds
  // (see .export-message.is-fading). An error stays until the next export.
  useEffect(() => {
    if (message?.kind !== 'ok') return;
    const t = window.setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => window.clearTimeout(t);
  }, [message]);
  const menuRef = useRef<HTMLUListElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);

  const run = async (format: Format) => {
    setOpen(false);
    setMessage(null);
    const { snapshot } = store.getState();
    const content = {
      cards: [...snapshot.cards.values()],
      items: [...snapshot.items.values()],
      links: [...snapshot.links.values()],
      followUp: readFollowUp(store.getState().session.doc),
      tables: snapshot.tables,
    };
    const title = snapshot.meta.title;
    try {
      setBusy({ step: 'Preparing', fraction: 0 });
      if (format === 'csv') downloadBlob(new Blob([planCsv(frameworkIndex, content)], { type: 'text/csv;charset=utf-8' }), fileNameFor(title, 'csv'));
      else if (format === 'md')
        downloadBlob(new Blob([workshopMarkdown(frameworkIndex, snapshot.meta, content)], { type: 'text/markdown;charset=utf-8' }), fileNameFor(title, 'md'));
      else if (format === 'slcanvas') {
        const { session } = store.getState();
        setBusy({ step: 'Packing the workshop', fraction: 0.3 });
        downloadBlob(await downloadWorkshopFile(session.options.workshopId, session.options.token), fileNameFor(title, 'slcanvas'));
      } else if (format === 'pptx') {
        setBusy({ step: 'Laying out the slides', fraction: 0.3 });
        // pptxgenjs is large: load it only when someone asks for a deck.
        const { buildPptxDeck } = await import('./pptx-deck');
        downloadBlob(await buildPptxDeck(frameworkIndex, snapshot.meta, content), fileNameFor(title, 'pptx'));
      } else if (format === 'png') {
        setBusy({ step: 'Drawing the board', fraction: 0.3 });
        downloadBlob(dataUrlToBlob(await boardPng(shownLayout(snapshot.cards, snapshot.items).bounds)), fileNameFor(title, 'png'));
      } else {
        setBusy({ step: 'Drawing the board', fraction: 0.1 });
        const image = await boardPng(shownLayout(snapshot.cards, snapshot.items).bounds).catch(() => null);
        // jsPDF is large: load it only when someone asks for a report.
        const { buildPdfReport } = await import('./pdf-report');
        const blob = await buildPdfReport(frameworkIndex, snapshot.meta, content, image, (step, fraction) =>
          setBusy({ step, fraction: 0.15 + fraction * 0.85 }),
        );
        downloadBlob(blob, fileNameFor(title, 'pdf'));
      }
      setMessage({ kind: 'ok', text: `${formats.find((f) => f.id === format)!.label} exported.` });
    } catch (err) {
      setMessage({ kind: 'error', text: `Export failed: ${(err as Error).message}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export">
      <button
        ref={buttonRef}
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="export-menu"
        disabled={!!busy}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export
      </button>
      {open && (
        <ul
          id="export-menu"
          ref={menuRef}
          role="menu"
          aria-label="Export"
          className="menu-popover"
          onKeyDown={(e) => {
            const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
            const i = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              setOpen(false);
              buttonRef.current?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
            }
          }}
        >
          {shown.map((f) => (
            <li key={f.id} role="none">
              <button role="menuitem" tabIndex={-1} onClick={() => void run(f.id)}>
                {f.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && (
        <div
          className="export-progress"
          role="progressbar"
          aria-label="Exporting"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(busy.fraction * 100)}
          aria-valuetext={busy.step}
        >
          <span className="small">{busy.step}…</span>
          <span className="bar">
            <span style={{ width: `${Math.round(busy.fraction * 100)}%` }} />
          </span>
        </div>
      )}
      {message && (
        <p
          className={`export-message small ${message.kind === 'error' ? 'error' : 'is-fading'}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          aria-live="polite"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
