// "Follow-up": after the workshop, what each planned intervention is measured by, what has been
// recorded so far, and which reviews are due. Pressing reviews come first.
import { Dialog } from '../ui/Dialog';
import { frameworkIndex } from '../../../shared/framework';
import { evaluationFrameworkPointer, localToday } from '../../../shared/export/follow-up-rows';
import { useFollowUp } from './use-follow-up';
import { FollowUpItem } from './FollowUpItem';
import './follow-up.css';

export function FollowUpDialog({ onClose }: { onClose: () => void }) {
  const today = localToday();
  const rows = useFollowUp(today);
  const due = rows.filter((r) => r.review === 'overdue' || r.review === 'due');
  return (
    <Dialog title="Follow-up" onClose={onClose} wide>
      <div className="followup">
        <p className="small muted followup-pointer">{evaluationFrameworkPointer(frameworkIndex)}</p>
        <p role="status" className="followup-summary">
          {rows.length === 0
            ? 'No interventions are planned yet.'
            : due.length
              ? `${due.length} intervention${due.length === 1 ? ' has a review' : 's have reviews'} due or overdue.`
              : 'No reviews are due.'}
        </p>
        {rows.map((r) => (
          <FollowUpItem key={r.item.id} data={r} today={today} />
        ))}
      </div>
    </Dialog>
  );
}
