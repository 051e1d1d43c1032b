import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asStored, findIllFormedText, textProblem } from './well-formed-text.ts';

const line = { allowLineBreaks: false };
const running = { allowLineBreaks: true };

describe('the text rule', () => {
  it('accepts ordinary text, accents, emoji and Welsh, and tab and newline only where allowed', () => {
    for (const ok of ['Dudley', 'Ysbyty Gwynedd – £1,000.50', 'café 👩‍⚕️', '']) {
      expect(textProblem(ok, line)).toBeUndefined();
    }
    expect(textProblem('one\ntwo\tthree', running)).toBeUndefined();
    expect(textProblem('one\ntwo', line)).toMatch(/U\+000A/);
  });

  it('refuses a lone surrogate, NUL, carriage return, escape and DEL', () => {
    expect(textProblem('a\ud800b', running)).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem('\udc00', running)).toMatch(/surrogate/);
    expect(textProblem('a\u0000', running)).toMatch(/NUL/);
    expect(textProblem('a\rb', running)).toMatch(/U\+000D at position 2/);
    expect(textProblem('\u001b[31m', running)).toMatch(/U\+001B/);
    expect(textProblem('\u007f', running)).toMatch(/U\+007F/);
  });

  it('names the field of the first broken string, including in object keys and arrays', () => {
    expect(findIllFormedText({ a: [{ b: 'fine' }, { c: 'x\u0000' }] }, 'body', running)).toEqual({
      field: 'body/a/1/c',
      problem: expect.stringMatching(/NUL/),
    });
    expect(findIllFormedText({ 'k\ud800': 1 }, 'body', running)?.problem).toMatch(/field name/);
    expect(findIllFormedText({ 'a/b': '\ud800' }, 'querystring', line)?.field).toBe('querystring/a~1b');
    expect(findIllFormedText(12, 'body', line)).toBeUndefined();
  });

  it('refuses JSON nested beyond 64 levels instead of walking it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(findIllFormedText(deep, 'body', line)?.problem).toMatch(/nested too deeply/);
  });

  it('stores text as UTF-8 does: asStored is the identity exactly on well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const stored = asStored(s);
        expect(Buffer.from(stored, 'utf8').toString('utf8')).toBe(stored);
        expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(stored);
        expect(stored === s).toBe(!/\p{Cs}/u.test(s));
      }),
      { numRuns: 200 },
    );
  });
});
