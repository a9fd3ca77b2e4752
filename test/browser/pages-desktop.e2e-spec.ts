import { DESKTOP } from '../support/browser.js';
import { sweepPages } from './page-sweep.js';

sweepPages('desktop (1440 px)', DESKTOP);
