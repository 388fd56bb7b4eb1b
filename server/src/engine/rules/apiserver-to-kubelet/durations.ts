// Go's time.ParseDuration, reduced to the question the rules ask: is this duration zero?

/** One `<number><unit>` element of a Go duration; the number needs a digit before or after its point. */
const ELEMENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * True when `text` is a valid Go duration equal to zero (`0`, `0s`, `-0m`, `0h0m0s`, `0.0s`).
 * Invalid text is not zero: the component rejects it at start, which is another problem.
 */
export function isZeroDuration(text: string): boolean {
  let rest = text;
  if (rest.startsWith('-') || rest.startsWith('+')) rest = rest.slice(1);
  // Go accepts a bare "0" without a unit, and no other unitless number.
  if (rest === '0') return true;
  if (rest === '') return false;
  ELEMENT.lastIndex = 0;
  let zero = true;
  while (ELEMENT.lastIndex < rest.length) {
    const m = ELEMENT.exec(rest);
    if (!m) return false;
    if (Number(m[1]) !== 0) zero = false;
  }
  return zero;
}
