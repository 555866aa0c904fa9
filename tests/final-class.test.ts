import { defineStepSuite } from './suite.ts';
import { checks } from '../course/final/class-checks.ts';

// The final chatroom on a school network: TLS, room password, moderation.
defineStepSuite('final', undefined, (check) => checks.includes(check));
