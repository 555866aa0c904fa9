import { defineStepSuite } from './suite.ts';
import { checks } from '../course/final/hardening-checks.ts';

// The final chatroom against a bored student: brute force, churn, moderation that holds.
defineStepSuite('final', undefined, (check) => checks.includes(check));
