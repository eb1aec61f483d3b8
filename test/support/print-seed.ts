// Says which seed the random parts of the suite use in this run, and how to replay it.

import { replayHint, testSeed } from './seed.js';

export default function setup(): void {
  console.log(`Random tests: ${replayHint(testSeed())}`);
}
