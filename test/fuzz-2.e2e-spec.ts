import { fuzzSuite } from './support/fuzz-suite.js';

await fuzzSuite(2, 3);
