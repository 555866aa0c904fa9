import { defineStepSuite } from './suite.ts';

defineStepSuite('04');
