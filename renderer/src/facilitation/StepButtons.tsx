// Previous and Next through the presentation's steps, wherever someone steps it: the
// presentation itself, and the presenter's own window.
export function StepButtons({ step, last, onStep }: { step: number; last: number; onStep: (n: number) => void }) {
  return (
    <>
      <button className="btn" onClick={() => onStep(step - 1)} disabled={step === 0}>
        Previous
      </button>
      <button className="btn btn-primary" onClick={() => onStep(step + 1)} disabled={step === last}>
        Next
      </button>
    </>
  );
}
