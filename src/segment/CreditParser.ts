import type { Credit } from '../core/types.js';

/**
 * Reads a credit line into people with roles.
 * "(Reporting by A in Beirut and B; Additional reporting by C, Writing by D; Editing by E, F)"
 * -> A reporting, B reporting, C additional reporting, D writing, E editing, F editing.
 * Clauses are split at ";" and at a comma that starts a new "ROLE by" clause; a role like
 * "Reporting and writing" gives each person both roles. " in Place" after a name is dropped.
 * @example parseCredits('(Writing by Tom Perry; Editing by Toby Chopra)')
 *   // [{ name: 'Tom Perry', role: 'writing' }, { name: 'Toby Chopra', role: 'editing' }]
 */
export function parseCredits(line: string): Credit[] {
  const inner = line.replace(/^[(\[]\s*/, '').replace(/\s*[)\]]$/, '');
  const out: Credit[] = [];
  for (const clause of inner.split(/;\s*|,\s*(?=(?:\p{L}+ ){0,3}by\s)/iu)) {
    const m = /^(.*?)\s*\bby\s+(.+)$/is.exec(clause.trim());
    if (!m || m[1]!.trim() === '') continue;
    const roles = m[1]!.toLowerCase().split(/\s+and\s+|\s*&\s*/).map((r) => r.trim()).filter(Boolean);
    const names = m[2]!
      .split(/,\s*|\s+and\s+|\s*&\s*/)
      .map((n) => n.replace(/\s+in\s+\p{Lu}.*$/u, '').replace(/[.\s]+$/, '').trim())
      .filter((n) => /^\p{Lu}/u.test(n));
    for (const name of names) for (const role of roles) out.push({ name, role });
  }
  return out;
}
