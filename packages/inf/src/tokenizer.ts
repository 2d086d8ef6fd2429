// One logical line → key and fields, following the SetupAPI state machine described in
// the spec (§9.4): key before the first unquoted `=` (a `,` first means no key), fields
// split at unquoted commas, quotes anywhere in a token with `""` → `"`, `;` comment outside
// quotes, backslash continuation (a backslash followed by anything but blanks, more
// backslashes, a comment or the line end is literal), outer blanks trimmed, NUL → space.
// Only LF ends a line; Ctrl-Z has already been cut off by the decoder.
//
// Written for speed: one loop, a character-class table, runs of ordinary characters
// skipped in a tight inner loop, no closures. test-support/reference-tokenizer.ts is the
// plain transcription it is property-tested against.

import { isBlank } from './chars.js';

const enum S {
  Key,
  Value,
  Quotes,
  Leading,
  Trailing,
  Backslash,
}

// Character classes (ASCII table; other characters are BLANK or PLAIN via isBlank).
const PLAIN = 0;
const BLANK = 1;
const EOL = 2;
const COMMA = 3;
const EQUALS = 4;
const SEMI = 5;
const QUOTE = 6;
const BSLASH = 7;

const CLASS = new Uint8Array(128);
for (const c of [0x00, 0x09, 0x0b, 0x0c, 0x0d, 0x20]) CLASS[c] = BLANK;
CLASS[0x0a] = EOL;
CLASS[0x2c] = COMMA;
CLASS[0x3d] = EQUALS;
CLASS[0x3b] = SEMI;
CLASS[0x22] = QUOTE;
CLASS[0x5c] = BSLASH;

function classOf(c: number): number {
  return c < 128 ? (CLASS[c] as number) : isBlank(c) ? BLANK : PLAIN;
}

export interface Tokens {
  /** Text before the first unquoted `=`; for a bare single-field line, that field. */
  key: string | null;
  /** Fields (empty when tokenized without collecting text; see fieldCount). */
  fields: string[];
  fieldCount: number;
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
  /** Offset where each field's text starts (same order as `fields`; collected only). */
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

const NUL_G = /\0/g;

/** Token text from the source: a NUL is read as a space. */
function piece(text: string, a: number, b: number): string {
  const s = text.slice(a, b);
  return s.indexOf('\0') < 0 ? s : s.replace(NUL_G, ' ');
}

const NONE: number[] = [];

// Fields are gathered here and copied out at the end: an array grown by push() reserves room
// for 17 elements, several times what a line needs.
const FIELDS: string[] = [];

/**
 * The usual entry in one pass, without the state machine: no NUL, non-ASCII character or
 * line continuation; `key =` in front or not; a backslash only before a plain character (so it is literal); a quote only
 * around a whole field (blanks aside), without a line end inside. Fields split at
 * commas with blanks around them trimmed, up to a `;` comment or the line end. Undefined for
 * any other line, which then takes the state machine (it gives the same result for these).
 */
function simpleEntry(text: string, begin: number): Tokens | undefined {
  const count = scanSimple(text, begin);
  if (count < 0) return undefined;
  const fields = FIELDS.slice(0, count);
  const eqPos = S_eqPos;
  let key = S_key;
  const implicit = eqPos < 0 && count === 1;
  if (implicit) key = fields[0] as string;
  return {
    key,
    fields,
    fieldCount: count,
    implicitKey: implicit,
    end: S_end,
    eqPos,
    valueStart: S_valueStart,
    commentPos: S_commentPos,
    fieldStarts: NONE,
    keyStart: key !== null ? begin : -1,
    unterminatedQuote: -1,
    continuationAtEof: -1,
    continuations: 0,
  };
}

// What scanSimple found besides the fields (read right after it returns).
let S_key: string | null = null;
let S_eqPos = -1;
let S_valueStart = -1;
let S_commentPos = -1;
let S_end = 0;

// Reusable arrays of exactly n elements, for fieldsInto().
const BY_COUNT: string[][] = [];

/**
 * The fields of the entry at `begin` (quote-processed, as Tokens.fields) in an array that is
 * reused for the next entry with as many fields: valid until the next call, never to be kept.
 */
export function fieldsInto(text: string, begin: number): readonly string[] {
  const count = scanSimple(text, begin);
  if (count < 0) return tokenizeEntry(text, begin, true, false).fields;
  let out = BY_COUNT[count];
  if (out === undefined) {
    if (count > 64) return FIELDS.slice(0, count);
    out = BY_COUNT[count] = new Array<string>(count).fill('');
  }
  for (let i = 0; i < count; i++) out[i] = FIELDS[i] as string;
  return out;
}

/** simpleEntry's scan: the field count (fields in FIELDS, the rest in S_*), or -1 for a line it does not take. */
function scanSimple(text: string, begin: number): number {
  const n = text.length;
  let count = 0;
  // Current field: first and past-last non-blank offsets (-1: none yet); `quoted`: it was "…".
  let first = -1;
  let last = -1;
  let quoted = false;
  let commentPos = -1;
  let end = n;
  let key: string | null = null;
  let eqPos = -1;
  let valueStart = -1;
  // A blank first character keeps its field's leading blanks in the state machine: leave it that line.
  if (begin < n && (text.charCodeAt(begin) >= 128 || CLASS[text.charCodeAt(begin)] === BLANK)) return -1;
  let i = begin;
  for (;;) {
    const c = i < n ? text.charCodeAt(i) : 0x0a;
    if (c >= 128) return -1;
    const k = CLASS[c] as number;
    if (k === PLAIN) {
      if (quoted) return -1;
      if (first < 0) first = i;
      // The rest of the run of plain characters in a tight loop (most of a line).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 128 || CLASS[d] !== PLAIN) break;
      }
      last = i;
      continue;
    }
    if (k === BLANK) {
      if (c === 0) return -1;
      i++;
      continue;
    }
    if (k === COMMA || k === EOL || k === SEMI) {
      // A quoted field's text was stored when its quote closed.
      if (!quoted) FIELDS[count] = first < 0 ? '' : text.slice(first, last);
      count++;
      if (k === COMMA) {
        first = -1;
        quoted = false;
        i++;
        continue;
      }
      if (k === SEMI) {
        commentPos = i;
        const lf = text.indexOf('\n', i);
        end = lf < 0 ? n : lf;
      } else end = i;
      break;
    }
    if (k === QUOTE) {
      if (first >= 0 || quoted) return -1;
      // The closing quote is the first one not doubled (`""` inside is one literal quote).
      let close = i + 1;
      let doubled = false;
      for (;;) {
        close = text.indexOf('"', close);
        if (close < 0) return -1;
        if (text.charCodeAt(close + 1) !== 0x22) break;
        doubled = true;
        close += 2;
      }
      let inner = text.slice(i + 1, close);
      // A line end inside the quotes (the quote is unterminated on this line) or a NUL: the state machine.
      if (inner.indexOf('\n') >= 0 || inner.indexOf('\0') >= 0) return -1;
      if (doubled) inner = inner.replaceAll('""', '"');
      FIELDS[count] = inner;
      quoted = true;
      i = close + 1;
      continue;
    }
    if (k === BSLASH) {
      if (quoted || i + 1 >= n) return -1;
      const d = text.charCodeAt(i + 1);
      if (d >= 128 || CLASS[d] !== PLAIN) return -1;
      if (first < 0) first = i;
      i += 2;
      last = i;
      continue;
    }
    // EQUALS: the first one before any comma ends the key; after that it is a plain character.
    if (eqPos >= 0 || count > 0) {
      if (quoted) return -1;
      if (first < 0) first = i;
      last = ++i;
      continue;
    }
    key = quoted ? (FIELDS[0] as string) : first < 0 ? '' : text.slice(first, last);
    eqPos = i;
    first = -1;
    quoted = false;
    // The value starts at the first non-blank character (or the line end); blanks before it,
    // NUL included, are no part of it.
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d >= 128 || CLASS[d] !== BLANK) break;
    }
    valueStart = i;
  }
  S_key = key;
  S_eqPos = eqPos;
  S_valueStart = valueStart;
  S_commentPos = commentPos;
  S_end = end;
  return count;
}

/**
 * Tokenize the logical line whose first non-blank character is at `begin` (not `[` or `;`:
 * those are section and comment lines, handled by the scanner). With `collect` false only
 * the end offset and the position facts are computed, no strings are built; `fieldStarts`
 * is filled only when `positions` is set (lint and edits need it, reading does not).
 */
export function tokenizeEntry(text: string, begin: number, collect = true, positions = collect): Tokens {
  if (collect && !positions) {
    const simple = simpleEntry(text, begin);
    if (simple) return simple;
  }
  const n = text.length;
  let state = S.Key as S;
  let ret = S.Key as S.Key | S.Value;
  let tok = '';
  let start = begin;
  let tokenEnd = begin;
  let tokenFirst = begin;
  let newToken = false;
  let key: string | null = null;
  const fieldStarts: number[] = positions ? [] : NONE;
  let fieldCount = 0;
  let eqPos = -1;
  let valueStart = -1;
  let commentPos = -1;
  let unterminatedQuote = -1;
  let quoteOpen = -1;
  let continuationAtEof = -1;
  let lastBackslash = -1;
  let continuations = 0;
  let end = n;
  let i = begin;

  main: for (;;) {
    switch (state) {
      case S.Key:
      case S.Value: {
        const run = i;
        let c = -1;
        let k = EOL;
        while (i < n) {
          c = text.charCodeAt(i);
          k = c < 128 ? (CLASS[c] as number) : isBlank(c) ? BLANK : PLAIN;
          if (k !== PLAIN && (k !== EQUALS || state === S.Key)) {
            // A backslash followed by a plain character is literal (key paths such as
            // Ndi\params\X): keep it in the run rather than splicing the token together
            // through the Backslash state. Anything else after it takes the long way.
            if (k !== BSLASH || i + 1 >= n) break;
            const d = text.charCodeAt(i + 1);
            if (d < 128 ? CLASS[d] !== PLAIN : isBlank(d)) break;
          }
          i++;
        }
        if (i >= n) k = EOL;
        if (i > run) tokenEnd = i;
        switch (k) {
          case EOL:
            if (collect && tokenEnd > start) tok += piece(text, start, tokenEnd);
            if (collect) FIELDS[fieldCount] = tok;
            if (positions) fieldStarts.push(tokenFirst);
            fieldCount++;
            end = i;
            break main;
          case COMMA:
            if (collect && tokenEnd > start) tok += piece(text, start, tokenEnd);
            start = tokenEnd;
            // In the key position a comma means there is no key: the token is field 1.
            if (collect) FIELDS[fieldCount] = tok;
            if (positions) fieldStarts.push(tokenFirst);
            fieldCount++;
            tok = '';
            start = i + 1;
            tokenFirst = i + 1;
            newToken = true;
            state = S.Leading;
            ret = S.Value;
            i++;
            continue;
          case EQUALS: // only reached in the key position
            if (collect && tokenEnd > start) tok += piece(text, start, tokenEnd);
            key = tok;
            tok = '';
            eqPos = i;
            start = i + 1;
            tokenFirst = i + 1;
            newToken = true;
            state = S.Leading;
            ret = S.Value;
            i++;
            continue;
          case SEMI: {
            if (collect && tokenEnd > start) tok += piece(text, start, tokenEnd);
            if (collect) FIELDS[fieldCount] = tok;
            if (positions) fieldStarts.push(tokenFirst);
            fieldCount++;
            commentPos = i;
            const lf = text.indexOf('\n', i);
            end = lf < 0 ? n : lf;
            break main;
          }
          case QUOTE:
            if (collect && i > start) tok += piece(text, start, i);
            start = i + 1;
            ret = state;
            quoteOpen = i;
            state = S.Quotes;
            i++;
            continue;
          case BSLASH:
            if (collect && tokenEnd > start) tok += piece(text, start, tokenEnd);
            start = i;
            ret = state;
            lastBackslash = i;
            state = S.Backslash;
            i++;
            continue;
          default: // BLANK
            if (collect && i > start) tok += piece(text, start, i);
            start = i;
            ret = state;
            state = S.Trailing;
            i++;
            continue;
        }
      }
      case S.Quotes: {
        for (;;) {
          const c = i < n ? text.charCodeAt(i) : 0x0a;
          if (c === 0x0a) {
            // An unterminated quote runs to the end of the line.
            if (collect && i > start) tok += piece(text, start, i);
            start = i;
            unterminatedQuote = quoteOpen;
            break;
          }
          if (c === 0x22) {
            if (collect) tok += piece(text, start, i + (text.charCodeAt(i + 1) === 0x22 && i + 1 < n ? 1 : 0));
            if (i + 1 < n && text.charCodeAt(i + 1) === 0x22) {
              // `""` inside quotes is one literal quote.
              start = i + 2;
              i += 2;
              continue;
            }
            start = i + 1;
            i++;
            break;
          }
          i++;
        }
        state = ret;
        tokenEnd = start;
        continue;
      }
      case S.Leading: {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 0x0a || classOf(c) !== BLANK) break;
          i++;
        }
        if (i < n && text.charCodeAt(i) === 0x5c) {
          start = i;
          if (newToken) {
            newToken = false;
            tokenFirst = i;
            if (valueStart < 0 && eqPos >= 0) valueStart = i;
          }
          lastBackslash = i;
          state = S.Backslash;
          i++;
          continue;
        }
        start = i;
        if (newToken) {
          newToken = false;
          tokenFirst = i;
          if (valueStart < 0 && eqPos >= 0) valueStart = i;
        }
        state = ret;
        tokenEnd = start;
        continue;
      }
      case S.Trailing: {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 0x0a || classOf(c) !== BLANK) break;
          i++;
        }
        if (i < n && text.charCodeAt(i) === 0x5c) {
          // start stays at the first blank: if the backslash turns out literal, so are they.
          lastBackslash = i;
          state = S.Backslash;
          i++;
          continue;
        }
        state = ret;
        tokenEnd = start;
        continue;
      }
      case S.Backslash: {
        for (;;) {
          if (i >= n) {
            // Backslashes at the very end of the file are dropped.
            continuationAtEof = lastBackslash;
            start = i;
            state = ret;
            tokenEnd = start;
            continue main;
          }
          const c = text.charCodeAt(i);
          if (c === 0x0a) {
            continuations++;
            start = i + 1;
            state = S.Leading;
            i++;
            continue main;
          }
          if (c === 0x5c || classOf(c) === BLANK) {
            i++;
            continue;
          }
          if (c === 0x3b) {
            // A comment may follow a continuation backslash; the line still continues.
            const lf = text.indexOf('\n', i);
            i = lf < 0 ? n : lf;
            continue;
          }
          // Anything else: the backslashes (and blanks around them) were literal text.
          if (collect && i > start) tok += piece(text, start, i);
          start = i;
          state = ret;
          tokenEnd = start;
          continue main;
        }
      }
    }
  }

  const fields = collect ? FIELDS.slice(0, fieldCount) : [];
  let implicitKey = false;
  let keyStart = -1;
  if (key !== null) keyStart = begin;
  else if (fieldCount === 1) {
    key = collect ? (fields[0] as string) : '';
    implicitKey = true;
    keyStart = begin;
  }
  if (!collect) key = key === null ? null : '';
  return {
    key,
    fields,
    fieldCount,
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
