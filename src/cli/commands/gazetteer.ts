import { resolve } from 'node:path';
import { defaultCacheDir } from '../../places/GazetteerLoader.js';
import { importGeonames } from '../../places/GeonamesImporter.js';
import { usageError } from '../args.js';
import type { Command } from '../Command.js';

export const gazetteerCommand: Command = {
  name: 'gazetteer',
  summary: 'add GeoNames dumps you downloaded to the offline gazetteer (village-level coverage)',
  args: 'import FILE…',
  options: {
    classes: { type: 'string', value: 'P,A,H,L,S,T', description: 'GeoNames feature classes to keep (default: all of these)' },
    languages: { type: 'string', value: 'LIST', description: "alternate-name languages to keep, e.g. ',en,ar' (empty = no language tag)" },
  },
  details: [
    'FILE may be allCountries.txt or a country file (SY.txt, IQ.txt), alternateNamesV2.txt, and',
    'admin1CodesASCII.txt from the GeoNames dumps; each is told apart by its columns. The rows are',
    `kept in the cache ($SITREP_CACHE, else .cache/ in the project) and the gazetteer is rebuilt.`,
    'example: sitrep gazetteer import SY.txt IQ.txt alternateNamesV2.txt admin1CodesASCII.txt',
  ].join('\n'),
  async run(ctx, parsed) {
    const [action, ...files] = parsed.positionals;
    if (action !== 'import') throw usageError('gazetteer', action ? `unknown action '${action}' (only 'import')` : "gazetteer needs an action: 'import FILE…'");
    if (files.length === 0) throw usageError('gazetteer', 'gazetteer import needs at least one GeoNames FILE');
    const list = (name: string) => (typeof parsed.values[name] === 'string' ? (parsed.values[name] as string).split(',').map((s) => s.trim()) : undefined);
    const cacheDir = ctx.env.SITREP_CACHE ?? defaultCacheDir();
    const result = await importGeonames(files.map((f) => resolve(ctx.cwd, f)), {
      cacheDir,
      ...(list('classes') ? { featureClasses: list('classes')! } : {}),
      ...(list('languages') ? { languages: list('languages')! } : {}),
    });
    for (const f of result.files) ctx.stdout.write(`${f.file}: ${f.rows} ${f.kind} rows\n`);
    ctx.stdout.write(`gazetteer rebuilt in ${cacheDir}: ${result.places} imported places, ${result.alternateNames} alternate names\n`);
    return 0;
  },
};
