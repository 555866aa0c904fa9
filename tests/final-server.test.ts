import { defineStepSuite } from './suite.ts';
import { checks } from '../course/final/checks.ts';

// The final chatroom's server checks (its client's are in final-client.test.ts; TLS, passwords and
// moderation in final-class.test.ts; attacks in final-hardening.test.ts and final-identity.test.ts).
defineStepSuite('final', undefined, (check) => !check.needs.includes('client') && checks.includes(check));
