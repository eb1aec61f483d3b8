// The `# yaml-language-server: $schema=…` line that `init` and `import` write first in the files they
// create, so an editor with the YAML language server completes and checks them offline. The path is
// relative to the file written and points at the schema shipped in the package: the project's
// `node_modules/plansync/schemas/` (where `npm install -D plansync` puts it) when that exists or when
// plansync runs from some other installation (npx's cache); the running clone's `schemas/` when
// plansync runs from a checkout of its repository and the project has no installed copy.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `schemas/` of the running package, from `src/config/` (tests, tsx) and `dist/config/` alike. */
const SHIPPED_SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** The schema of the project file. */
export const PROJECT_SCHEMA = 'project.schema.json';

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The modeline for `file` (relative to the project `root`) checked by `schema` (a file in
 * `schemas/`), without a trailing newline.
 */
export function schemaModeline(root: string, file: string, schema: string): string {
  const absoluteRoot = path.resolve(root);
  const installed = path.join(absoluteRoot, 'node_modules', 'plansync', 'schemas');
  // Run from a clone (not from a node_modules folder): its own schemas, as long as none is installed.
  const fromClone = !SHIPPED_SCHEMAS.split(path.sep).includes('node_modules');
  const schemas =
    !existsSync(installed) && (fromClone || inside(absoluteRoot, SHIPPED_SCHEMAS))
      ? SHIPPED_SCHEMAS
      : installed;
  const from = path.dirname(path.resolve(absoluteRoot, file));
  const target = path.relative(from, path.join(schemas, schema)).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${target}`;
}
