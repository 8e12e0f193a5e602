import { useId, useRef, useState } from 'react';
import { importWorkshop } from '../lib/api';
import { rememberWorkshop } from '../lib/local-prefs';
import { navigate, workshopHash } from '../lib/routes';

/** Opens a .slcanvas file someone sent: the host checks it and adds it as a new workshop. */
export function OpenWorkshopFile() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const created = await importWorkshop(file);
      rememberWorkshop({ id: created.id, title: created.title, token: created.tokens.facilitator, tokens: created.tokens, role: 'facilitator' });
      navigate(workshopHash(created.id, created.tokens.facilitator));
    } catch (err) {
      setError(`${file.name} could not be opened. ${(err as Error).message}`);
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="stack">
      <label htmlFor={inputId}>Open a workshop file</label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".slcanvas"
        disabled={busy}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void open(f);
        }}
      />
      {busy && (
        <p className="small muted" role="status">
          Checking the file…
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
