import { defineStepSuite } from './harness/suite.ts';
import { checks } from './checks/final-class.ts';

// The final chatroom on a school network: TLS, room password, moderation.
defineStepSuite('final', undefined, (check) => checks.includes(check));
