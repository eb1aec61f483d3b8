// A child process for write-file-atomic-crash.test.ts: writes versions of one file with
// writeFileAtomic, one after the other, until it has written `count` of them or is killed. Prints
// `ready` once it is loaded; with `--wait` it then waits for a line on stdin before writing, so two
// writers started apart (a busy machine) still write at the same time.
//
// node --import tsx atomic-writer-child.ts <path> <writer> <first version> <count | forever> [--wait]

import { once } from 'node:events';
import { writeFileAtomic } from '../../src/write-file-atomic.js';
import { atomicVersion } from './atomic-versions.js';

const [path, writer, first, count, wait] = process.argv.slice(2);
if (path === undefined || writer === undefined || first === undefined || count === undefined) {
  throw new Error('usage: atomic-writer-child.ts <path> <writer> <first version> <count | forever> [--wait]');
}
const last = count === 'forever' ? Infinity : Number(first) + Number(count) - 1;

process.stdout.write('ready\n');
if (wait === '--wait') await once(process.stdin, 'data');
for (let n = Number(first); n <= last; n++) await writeFileAtomic(path, atomicVersion(writer, n));
