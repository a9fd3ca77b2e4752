import { fuzzSuite } from './support/fuzz-suite.js';

await fuzzSuite(1, 3);
