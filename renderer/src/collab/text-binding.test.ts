import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { applyLocalText, shiftOffset } from './text-binding';
import { diffText } from '../../../shared/doc/text-edit';

describe('text binding', () => {
  it('finds the one replace between two strings', () => {
    expect(diffText('abc', 'abc')).toBeNull();
    expect(diffText('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(diffText('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('', 'new')).toEqual({ index: 0, remove: 0, insert: 'new' });
  });

  it('two people typing into one field both keep their words', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Monthly sets.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyLocalText(a.getText('t'), 'Monthly action learning sets.', 'a');
    applyLocalText(b.getText('t'), 'Monthly sets. Six months.', 'b');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Monthly action learning sets. Six months.');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });

  it('keeps a caret in place when someone edits before or after it', () => {
    expect(shiftOffset(5, [{ insert: 'abc' }])).toBe(8);
    expect(shiftOffset(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
    expect(shiftOffset(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(shiftOffset(5, [{ retain: 4 }, { delete: 4 }])).toBe(4);
  });
});
