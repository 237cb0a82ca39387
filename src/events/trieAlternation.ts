/**
 * A regular-expression source matching exactly the given literal strings, written as a character
 * trie: "army|armed forces|airstrike" -> "a(?:r(?:my|med forces)|irstrike)". Where a word ends and
 * a longer one continues, the continuation is an optional greedy group, so at a position the
 * longest word is tried first and a shorter one is the backtrack (the semantics of an alternation
 * sorted longest first). Why: V8 tries the branches of an alternation one by one at every
 * position; a trie rejects a position after its first character, which makes the actor
 * dictionary's several hundred aliases one cheap pass.
 * @example new RegExp(`\\b(?:${trieAlternation(['army', 'armed forces'])})\\b`).exec('the armed forces')
 */
export function trieAlternation(words: Iterable<string>): string {
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    if (!w) continue;
    let n = root;
    for (const ch of w) {
      let c = n.next.get(ch);
      if (!c) { c = { end: false, next: new Map() }; n.next.set(ch, c); }
      n = c;
    }
    n.end = true;
  }
  return root.next.size ? emit(root) : '(?!)';
}

interface Node {
  end: boolean;
  next: Map<string, Node>;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function emit(n: Node): string {
  const branches = [...n.next].map(([ch, c]) => {
    // a chain without branching is written as one literal run
    let run = esc(ch);
    let cur = c;
    while (!cur.end && cur.next.size === 1) {
      const [k, v] = cur.next.entries().next().value as [string, Node];
      run += esc(k);
      cur = v;
    }
    if (cur.next.size === 0) return run;
    const rest = emit(cur);
    return cur.end ? `${run}(?:${rest})?` : `${run}${cur.next.size > 1 ? `(?:${rest})` : rest}`;
  });
  return branches.length === 1 ? branches[0]! : branches.join('|');
}
