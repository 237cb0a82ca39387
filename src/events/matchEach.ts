/**
 * Calls `fn` for every match of a global regular expression in `text`, in order.
 * Why not `String.prototype.matchAll`: it clones the expression on every call, which for the
 * large compiled alternations of the lexicons costs 5-20 µs per sentence against < 1 µs here.
 * @example matchEach(/\d+/g, 'a 12 b 3', (m) => console.log(m[0])) // 12, 3
 */
export function matchEach(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    fn(m);
  }
}
