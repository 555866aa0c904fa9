import { defineStepSuite } from './harness/suite.ts';

defineStepSuite('02');
