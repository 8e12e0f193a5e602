// How a calendar date (stored as yyyy-mm-dd) is shown to a person, on screen and in exports: "30 November 2026".
// Inputs keep the ISO form; only what is read on screen goes through here.

/** "30 November 2026"; the stored text itself when it is not a date. */
export function readableDate(iso: string): string {
  // Midday, so no time zone moves the date to the day before or after.
  const d = new Date(`${iso}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
