// REFERENCE ONLY (tests): the first, straightforward transcription of the tokenizer, kept
// as an oracle for the optimized one in ../tokenizer.ts (property-tested to agree).
//
// One logical line → key and fields, following the SetupAPI state machine described in
// the spec (§9.4): key before the first unquoted `=` (a `,` first means no key), fields
// split at unquoted commas, quotes anywhere in a token with `""` → `"`, `;` comment outside
// quotes, backslash continuation (a backslash followed by anything but blanks, more
// backslashes, a comment or the line end is literal), outer blanks trimmed, NUL → space.
// Only LF ends a line; Ctrl-Z has already been cut off by the decoder.

import { BACKSLASH, COMMA, EQUALS, LF, QUOTE, SEMICOLON, isBlank } from '../chars.js';

const enum S {
  Key,
  Value,
  Quotes,
  Leading,
  Trailing,
  Backslash,
}

export interface ReferenceTokens {
  /** Text before the first unquoted `=`; for a bare single-field line, that field. */
  key: string | null;
  fields: string[];
  /** The key came from a bare single-field line (no `=`), as SetupAPI reports it. */
  implicitKey: boolean;
  /** Offset of the LF ending the logical line, or the text length. */
  end: number;
  /** Offset of the `=` that ended the key, or -1. */
  eqPos: number;
  /** Offset where the first value token starts (after the blanks following `=`), or -1. */
  valueStart: number;
  /** Offset of the `;` that starts the line's trailing comment, or -1. */
  commentPos: number;
  /** Offset where each field's text starts (same order as `fields`). */
  fieldStarts: number[];
  /** Offset of the key's first character, or -1. */
  keyStart: number;
  /** Offset of a quote that the line end closed, or -1. */
  unterminatedQuote: number;
  /** Offset of a continuation backslash that ran into the end of the file, or -1. */
  continuationAtEof: number;
  /** Number of backslash-newline continuations joined into this line. */
  continuations: number;
}

function clean(s: string): string {
  return s.indexOf('\0') < 0 ? s : s.replace(/\0/g, ' ');
}

/**
 * Tokenize the logical line whose first non-blank character is at `begin` (not `[` or `;`:
 * those are section and comment lines, handled by the scanner). With `collect` false only
 * the end offset and the position facts are computed, no strings are built.
 */
export function referenceTokenize(text: string, begin: number, collect = true): ReferenceTokens {
  const n = text.length;
  let state = S.Key as S;
  let ret: S.Key | S.Value = S.Key;
  let tok = '';
  let start = begin;
  let tokenEnd = begin;
  let tokenFirst = begin;
  let key: string | null = null;
  const fields: string[] = [];
  const fieldStarts: number[] = [];
  let eqPos = -1;
  let valueStart = -1;
  let commentPos = -1;
  let unterminatedQuote = -1;
  let quoteOpen = -1;
  let continuationAtEof = -1;
  let lastBackslash = -1;
  let continuations = 0;
  let i = begin;

  const push = (upTo: number): void => {
    if (collect && upTo > start) tok += clean(text.slice(start, upTo));
    start = upTo;
  };
  const emitField = (): void => {
    if (collect) fields.push(tok);
    else fields.length++;
    fieldStarts.push(tokenFirst);
    tok = '';
  };
  // Leading blanks are skipped both before a new token and after a continuation; only the
  // former marks where a field (and the value) starts.
  let newToken = false;
  const markTokenStart = (at: number): void => {
    if (!newToken) return;
    newToken = false;
    tokenFirst = at;
    if (valueStart < 0 && eqPos >= 0) valueStart = at;
  };
  const enter = (s: S.Key | S.Value): void => {
    state = s;
    tokenEnd = start;
  };

  for (;;) {
    const c = i < n ? text.charCodeAt(i) : -1;
    switch (state) {
      case S.Key:
      case S.Value: {
        if (c === -1 || c === LF) {
          push(tokenEnd);
          emitField();
          return finish(i);
        }
        if (c === COMMA) {
          push(tokenEnd);
          if (state === S.Key) {
            // A comma before any `=`: no key; the token so far is field 1.
            enter(S.Value);
            continue;
          }
          emitField();
          start = i + 1;
          tokenFirst = i + 1;
          newToken = true;
          state = S.Leading;
          ret = S.Value;
          i++;
          continue;
        }
        if (c === EQUALS && state === S.Key) {
          push(tokenEnd);
          key = collect ? tok : '';
          tok = '';
          eqPos = i;
          start = i + 1;
          tokenFirst = i + 1;
          newToken = true;
          state = S.Leading;
          ret = S.Value;
          i++;
          continue;
        }
        if (c === SEMICOLON) {
          push(tokenEnd);
          emitField();
          commentPos = i;
          const lf = text.indexOf('\n', i);
          return finish(lf < 0 ? n : lf);
        }
        if (c === QUOTE) {
          push(i);
          start = i + 1;
          ret = state;
          quoteOpen = i;
          state = S.Quotes;
          i++;
          continue;
        }
        if (c === BACKSLASH) {
          push(tokenEnd);
          start = i;
          ret = state;
          lastBackslash = i;
          state = S.Backslash;
          i++;
          continue;
        }
        if (isBlank(c)) {
          push(i);
          ret = state;
          state = S.Trailing;
          i++;
          continue;
        }
        tokenEnd = i + 1;
        i++;
        continue;
      }
      case S.Quotes: {
        if (c === -1 || c === LF) {
          // An unterminated quote runs to the end of the line.
          push(i);
          unterminatedQuote = quoteOpen;
          enter(ret);
          continue;
        }
        if (c === QUOTE) {
          if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
            push(i + 1);
            start = i + 2;
            i += 2;
            continue;
          }
          push(i);
          start = i + 1;
          enter(ret);
          i++;
          continue;
        }
        i++;
        continue;
      }
      case S.Leading: {
        if (c === BACKSLASH) {
          start = i;
          markTokenStart(i);
          lastBackslash = i;
          state = S.Backslash;
          i++;
          continue;
        }
        if (c !== -1 && c !== LF && isBlank(c)) {
          i++;
          continue;
        }
        start = i;
        markTokenStart(i);
        enter(ret);
        continue;
      }
      case S.Trailing: {
        if (c === BACKSLASH) {
          lastBackslash = i;
          state = S.Backslash;
          i++;
          continue;
        }
        if (c !== -1 && c !== LF && isBlank(c)) {
          i++;
          continue;
        }
        enter(ret);
        continue;
      }
      case S.Backslash: {
        if (c === -1) {
          // Backslashes at the very end of the file are dropped.
          continuationAtEof = lastBackslash;
          start = i;
          enter(ret);
          continue;
        }
        if (c === LF) {
          continuations++;
          start = i + 1;
          state = S.Leading;
          i++;
          continue;
        }
        if (c === BACKSLASH || isBlank(c)) {
          i++;
          continue;
        }
        if (c === SEMICOLON) {
          // A comment may follow a continuation backslash; the line still continues.
          const lf = text.indexOf('\n', i);
          i = lf < 0 ? n : lf;
          continue;
        }
        // Anything else: the backslashes (and blanks around them) were literal text.
        push(i);
        enter(ret);
        continue;
      }
    }
  }

  function finish(end: number): ReferenceTokens {
    let implicitKey = false;
    let keyStart = -1;
    if (key !== null) keyStart = begin;
    else if (fields.length === 1) {
      key = collect ? (fields[0] ?? '') : '';
      implicitKey = true;
      keyStart = begin;
    }
    return {
      key,
      fields,
      implicitKey,
      end,
      eqPos,
      valueStart,
      commentPos,
      fieldStarts,
      keyStart,
      unterminatedQuote,
      continuationAtEof,
      continuations,
    };
  }
}
