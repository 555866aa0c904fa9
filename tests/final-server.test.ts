import { defineStepSuite } from './harness/suite.ts';

// The final chatroom's server checks (its client's are in final-client.test.ts, to run in parallel).
defineStepSuite('final', undefined, (check) => !check.needs.includes('client'));
