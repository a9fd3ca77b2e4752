import { fuzzSuite } from './support/fuzz-suite.js';

await fuzzSuite(3, 3);
