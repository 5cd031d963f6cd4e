import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `../shared` beside the checkout (CI puts it there). Vectors are read from it, never copied
 * into the project; tests that need it say so when it is missing.
 */
export const sharedDir = process.env['ELC_SHARED_DIR'] ?? join(repoRoot, '..', 'shared');
export const merkleVectorsDir = join(sharedDir, 'vectors', 'merkle');
export const hasMerkleVectors = existsSync(merkleVectorsDir);
