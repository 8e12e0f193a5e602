// A card holds CARD_TEXT_MAX characters. The text box stops there by itself, which a person
// pasting a long text would never notice: this says so when a paste is cut short or the card is full.
import { useState } from 'react';
import { CARD_TEXT_MAX } from '../../../shared/doc/layout';

export function useCardTextLimit() {
  const [note, setNote] = useState<string | null>(null);
  return {
    note,
    maxLength: CARD_TEXT_MAX,
    /** after each change: a full card says so; room again clears a note */
    changed(value: string) {
      if (value.length >= CARD_TEXT_MAX) setNote((n) => n ?? `A card holds ${CARD_TEXT_MAX} characters; this one is full.`);
      else setNote(null);
    },
    /** before a paste lands: would it be cut short? */
    pasting(e: React.ClipboardEvent<HTMLTextAreaElement>) {
      const el = e.currentTarget;
      const room = CARD_TEXT_MAX - (el.value.length - (el.selectionEnd - el.selectionStart));
      if (e.clipboardData.getData('text').length > room)
        setNote(`Only the first ${CARD_TEXT_MAX} characters fit on a card; the rest of what you pasted was left out.`);
    },
  };
}
