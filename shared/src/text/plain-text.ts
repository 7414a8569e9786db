/**
 * Characters no user-given text may hold: C0 and C1 controls (tab and newline included; they
 * drive terminals, e.g. `npx lait channel list`), the line and paragraph separators, and the
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reverse how text
 * reads. The marks LRM, RLM and ALM stay allowed: they only order neutral characters.
 * Written as `\uXXXX` class ranges so the pattern means the same with and without the `u` flag
 * (Ajv compiles with it, TypeBox's `Value.Check` without).
 * @see https://www.unicode.org/reports/tr9/#Explicit_Directional_Embeddings
 */
const FORBIDDEN = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
/** The same set minus tab, LF and CR, for multi-line text (a channel description). */
const FORBIDDEN_MULTILINE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
/** White space that is not also forbidden (what `String.prototype.trim` removes, minus controls). */
const SPACE = ' \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\uFEFF';
/**
 * A whole code point that is not a lone surrogate: any BMP unit outside the surrogates, or a
 * high + low pair. Without `u` the pair matches as two units; with `u` as one code point.
 */
const unit = (forbidden: string) => `(?:[^${forbidden}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])`;

/**
 * Single-line text: no controls, separators or bidi overrides, no lone surrogates. `alsoRefuse`
 * adds characters (as they would sit in a regex class) that this field refuses too.
 */
export function plainTextPattern(alsoRefuse = ''): string {
  return `^${unit(FORBIDDEN + alsoRefuse)}*$`;
}
/** {@link plainTextPattern} with nothing added: chat text. */
export const PLAIN_TEXT_PATTERN = plainTextPattern();
/** Multi-line text: as {@link PLAIN_TEXT_PATTERN} but tab, LF and CR are allowed. */
export const MULTILINE_TEXT_PATTERN = `^${unit(FORBIDDEN_MULTILINE)}*$`;
/**
 * Single-line text with at least one character that is not white space (a title: the server
 * stores it trimmed). Leading spaces, then the first visible unit, then plain text: each unit has
 * one way to match, so the check stays linear.
 */
export const VISIBLE_TEXT_PATTERN = `^[${SPACE}]*(?:[^${FORBIDDEN}${SPACE}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])${unit(FORBIDDEN)}*$`;

/**
 * Text safe to print on a terminal: every forbidden character becomes a visible escape
 * (`\x1b`, `\u202e`, `\n`), so stored rows from before the schema refused them cannot drive it.
 */
export function visibleText(text: string): string {
  return text.replace(new RegExp(`[${FORBIDDEN}]`, 'g'), (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
