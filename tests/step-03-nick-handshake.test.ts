import { defineStepSuite } from './suite.ts';

defineStepSuite('03');
