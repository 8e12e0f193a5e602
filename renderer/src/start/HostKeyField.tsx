// The start screen's "Host key": shown only when the host answered that this page needs it
// (a host on a server, reached from anywhere but the server itself). Asked once per browser
// session; a wrong key is said to be wrong and can be typed again.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { checkHostAccess, forgetHostKey, hostKeyStatus, subscribeHostKey } from '../lib/host-key';

export const HOST_KEY_FIELD_ID = 'host-key';

export function useHostKeyStatus() {
  return useSyncExternalStore(subscribeHostKey, hostKeyStatus);
}

export function HostKeyField({ askedFor }: { askedFor: string | null }) {
  const status = useHostKeyStatus();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void checkHostAccess();
  }, []);

  if (status === 'accepted')
    return (
      <p className="small muted" role="status">
        Host key accepted for this browser session.{' '}
        <button type="button" className="btn btn-sm" onClick={forgetHostKey}>
          Forget host key
        </button>
      </p>
    );
  if (status !== 'needed' && status !== 'wrong') return null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!key.trim()) return;
    setBusy(true);
    await checkHostAccess(key);
    setBusy(false);
    setKey('');
  };
  const problem =
    status === 'wrong'
      ? 'That host key is not right. Check it with whoever runs this host and try again.'
      : askedFor && `${askedFor} on this host needs the host key first.`;

  return (
    <form className="stack host-key" onSubmit={submit} aria-labelledby="host-key-heading">
      <h3 id="host-key-heading">This host asks for its key</h3>
      <label htmlFor={HOST_KEY_FIELD_ID}>Host key</label>
      <input
        id={HOST_KEY_FIELD_ID}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={(e) => setKey(e.target.value)}
        aria-describedby="host-key-help"
        aria-invalid={status === 'wrong'}
      />
      <p id="host-key-help" className="small muted">
        Creating, opening or listing workshops here needs it; joining by a link never does. Whoever runs the host finds it in the host’s key file (host_key.txt
        beside compose.yaml, or the file given to --host-key-file) or its SLC_HOST_KEY setting. It is kept until this browser closes.
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="btn" disabled={busy || !key.trim()}>
        {busy ? 'Checking…' : 'Use this key'}
      </button>
    </form>
  );
}
