import { join } from 'node:path';
import { PROJECT_ROOT, sharedPath } from '../../src/core/projectPaths.js';

/** The repository root, whether tests run from test/ (tsx) or dist/test/ (compiled). */
export const repoRoot = () => PROJECT_ROOT;

/** The corpus and tools shared beside the repository (../shared), read at run time only. */
export const sharedDir = () => sharedPath();

/** The compiled CLI entry point (npm test builds it before running tests). */
export const cliMain = () => join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
