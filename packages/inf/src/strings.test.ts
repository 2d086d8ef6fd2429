import { describe, expect, test } from 'vitest';
import { createSubstituter, parseInf, parseLangId } from './index.js';
import { latin1 } from './test-support/helpers.js';

const LOCALIZED = parseInf(
  latin1(
    '[Strings]\na=und\nb=und\nz=only-und\n' +
      '[Strings.0409]\na=en-us\n' +
      '[Strings.0009]\nb=en-neutral\nc=en-n\n' +
      '[Strings.0809]\nc=en-gb\nd=en-gb\n' +
      '[Strings.0407]\na=de\n',
  ),
);

describe('language fallback: exact → SUBLANG_NEUTRAL → same language → [Strings]', () => {
  test('en-US (0409)', () => {
    const s = createSubstituter(LOCALIZED, { lang: '0409' });
    expect(s.chain).toEqual(['Strings.0409', 'Strings.0009', 'Strings.0809', 'Strings']);
    expect(['a', 'b', 'c', 'd', 'z'].map((k) => s.lookup(k))).toEqual(['en-us', 'en-neutral', 'en-n', 'en-gb', 'only-und']);
  });

  test('en-AU (0C09), not in the file: neutral, then other English in file order', () => {
    const s = createSubstituter(LOCALIZED, { lang: 0x0c09 });
    expect(s.chain).toEqual(['Strings.0009', 'Strings.0409', 'Strings.0809', 'Strings']);
    expect(['a', 'b', 'c', 'd'].map((k) => s.lookup(k))).toEqual(['en-us', 'en-neutral', 'en-n', 'en-gb']);
  });

  test('German (0407) and no language', () => {
    expect(createSubstituter(LOCALIZED, { lang: '0x0407' }).substitute('%a%/%b%/%c%')).toBe('de/und/%c%');
    const plain = createSubstituter(LOCALIZED);
    expect(plain.chain).toEqual(['Strings']);
    expect(plain.substitute('%A%-%c%')).toBe('und-%c%');
  });

  test('LANGIDs are 1–4 hex digits', () => {
    expect(parseLangId('409')).toBe(0x409);
    expect(() => parseLangId('en-US')).toThrow(RangeError);
    expect(() => parseLangId(0x10000)).toThrow(RangeError);
  });
});

describe('substitution', () => {
  const doc = parseInf(latin1('[A]\nk=v\n[Strings]\nName=First\nNAME=Second\nPath="C:\\x\\"\n22=twenty-two\n'));
  const dirs: Record<number, string> = { 10: 'C:\\WINNT', 24: 'C:\\', [-1]: '' };
  const s = createSubstituter(doc, { dirid: (id) => dirs[id] });

  test.each([
    ['%name%', 'First'], // case-insensitive; the first definition wins
    ['100%%', '100%'],
    ['%%name%%', '%name%'],
    ['%unknown% stays', '%unknown% stays'],
    ['unmatched % stays', 'unmatched % stays'],
    ['%22%', 'twenty-two'], // a string key wins over the DIRID of the same number
    ['%10%\\inf', 'C:\\WINNT\\inf'],
    ['%24%\\boot.ini', 'C:\\boot.ini'], // trailing backslash merges with the next one
    ['%24%boot.ini', 'C:\\boot.ini'],
    ['%Path%\\y', 'C:\\x\\\\y'], // strings do not merge
    ['%11%\\x', '%11%\\x'], // resolver does not know 11
    ['%-1%abs', 'abs'],
  ])('%j → %j', (raw, expected) => {
    expect(s.substitute(raw)).toBe(expected);
  });

  test('without a resolver numeric tokens stay', () => {
    expect(createSubstituter(doc).substitute('%10%\\x')).toBe('%10%\\x');
  });

  test('a substituter follows edits of the document', () => {
    const d = parseInf(latin1('[Strings]\nx=1\n'));
    const sub = createSubstituter(d);
    expect(sub.substitute('%x%')).toBe('1');
    d.setValue('Strings', 'x', '2');
    expect(sub.substitute('%x%')).toBe('2');
  });
});
