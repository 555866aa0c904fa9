import { defineStepSuite } from './suite.ts';
import { checks } from '../course/final/checks.ts';

// The final chatroom's client checks (its server's are in final-server.test.ts, to run in parallel).
defineStepSuite('final', undefined, (check) => check.needs.includes('client') && checks.includes(check));
