// The facilitator's "History" button (nobody else sees it; the relay refuses anyone else too).
import { useState } from 'react';
import { useWorkshop } from '../store/context';
import { HistoryDialog } from './HistoryDialog';

export function HistoryButton() {
  const role = useWorkshop((s) => s.status.role);
  const [open, setOpen] = useState(false);
  if (role !== 'facilitator') return null;
  return (
    <>
      <button className="btn btn-ghost" onClick={() => setOpen(true)}>
        History
      </button>
      {open && <HistoryDialog onClose={() => setOpen(false)} />}
    </>
  );
}
