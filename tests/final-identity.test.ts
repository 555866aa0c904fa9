import { defineCheckSuite } from './suite.ts';
import { referenceTarget } from '../checker/target.ts';
import { checks } from '../course/final/identity-checks.ts';

// The final chatroom against lookalike nicknames, invisible characters and line-wrap spoofs (issue 12).
defineCheckSuite('final: who is who', checks, referenceTarget('final'));
