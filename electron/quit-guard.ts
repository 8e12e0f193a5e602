// Quitting asks first when something would otherwise be left behind: the workshop on screen was
// opened from a file that does not have its latest edits, or the host cannot save a workshop
// (see SaveHealth). The person chooses Save, Don't Save or Cancel; a Save that fails keeps the
// app open. Knows nothing of Electron: the question and the saving come in as functions.
import { basename } from 'node:path';
import type { SaveProblem } from './save-health';

export type QuitChoice = 'save' | 'discard' | 'cancel';

/** The workshop on screen, whose own file is behind its latest edits. */
export interface UnsavedFile {
  workshopId: string;
  title: string;
  path: string;
}

export interface QuitQuestion {
  unsavedFile: UnsavedFile | null;
  saveProblems: SaveProblem[];
}

export interface QuitGuardOptions {
  unsavedFile(): UnsavedFile | null;
  saveProblems(): SaveProblem[];
  ask(question: QuitQuestion, text: QuitQuestionText): Promise<QuitChoice>;
  /** Save: resolves with where it was written, or null if the person cancelled (a Save As… dialog) */
  save(question: QuitQuestion): Promise<string | null>;
  showError(title: string, message: string): void;
  log(line: string): void;
}

export interface QuitQuestionText {
  message: string;
  detail: string;
}

export class QuitGuard {
  private asking: Promise<boolean> | null = null;
  private discarded = false;

  constructor(private readonly o: QuitGuardOptions) {}

  /** True once the person chose Don't Save: quitting must then leave the file as it is. */
  get fileChangesDiscarded(): boolean {
    return this.discarded;
  }

  /** Resolves true when the app may quit now. Asked twice at once (Quit, then closing the window), asks once. */
  confirm(): Promise<boolean> {
    this.asking ??= this.decide().finally(() => (this.asking = null));
    return this.asking;
  }

  private async decide(): Promise<boolean> {
    const question: QuitQuestion = { unsavedFile: this.o.unsavedFile(), saveProblems: this.o.saveProblems() };
    if (!question.unsavedFile && question.saveProblems.length === 0) return true;
    const choice = await this.o.ask(question, quitQuestionText(question));
    if (choice === 'cancel') return false;
    if (choice === 'discard') {
      if (question.unsavedFile) this.discarded = true;
      this.o.log(
        `Quit without saving${question.unsavedFile ? ` “${question.unsavedFile.title}” to ${question.unsavedFile.path}` : ''}${describeProblems(question)}.`,
      );
      return true;
    }
    try {
      const written = await this.o.save(question);
      if (written === null) return false;
      this.o.log(`Saved “${question.unsavedFile?.title ?? question.saveProblems[0]?.title ?? ''}” to ${written} before quitting.`);
      return true;
    } catch (err) {
      const reason = (err as Error).message;
      this.o.log(`Saving before quitting failed: ${reason}`);
      this.o.showError(
        'The workshop could not be saved',
        `${reason}\n\nThe app stays open, so nothing is lost. Try File › Save As… to save it somewhere else, for example another drive.`,
      );
      return false;
    }
  }
}

function describeProblems(q: QuitQuestion): string {
  return q.saveProblems.length ? ` while the host could not save ${q.saveProblems.map((p) => `“${p.title}”`).join(', ')}` : '';
}

const when = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The words of the question: what would be left behind, and what each button does. */
export function quitQuestionText(q: QuitQuestion): QuitQuestionText {
  const file = q.unsavedFile;
  const fileSentence = file
    ? `“${basename(file.path)}” does not have the latest changes to “${file.title}”. Save writes them to it; Don't Save leaves the file as it is (the changes stay in this app).`
    : '';
  const first = q.saveProblems[0];
  if (!first) return { message: `Save the changes to “${file!.title}” before quitting?`, detail: fileSentence };
  const others = q.saveProblems.length > 1 ? ` and ${q.saveProblems.length - 1} other workshop${q.saveProblems.length > 2 ? 's' : ''}` : '';
  return {
    message: `The host cannot save “${first.title}”${others}. Quit anyway?`,
    detail: [
      `Why: ${first.error}`,
      `Edits since ${when(first.since)} are kept on each person's own device, this window's included, and are saved once the workshop is opened again with the problem fixed (for example, after freeing disk space).`,
      file ? fileSentence : 'Save keeps a copy of the workshop as last saved in a file you choose, for example on another drive.',
    ].join('\n\n'),
  };
}
