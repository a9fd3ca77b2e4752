import { PHONE } from '../support/browser.js';
import { sweepPages } from './page-sweep.js';

sweepPages('phone (390 px)', PHONE);
