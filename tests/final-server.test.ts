import { defineStepSuite } from './harness/suite.ts';
import { checks as classChecks } from './checks/final-class.ts';

// The final chatroom's server checks (its client's are in final-client.test.ts, to run in parallel).
defineStepSuite('final', undefined, (check) => !check.needs.includes('client') && !classChecks.includes(check));
