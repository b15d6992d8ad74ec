/** What several PXELINUX rules share (not a rule). */
import { ruleOver } from '../../../core/rule';
import type { PxelinuxConfig } from '../ast';

/** Declares a PXELINUX rule (its id stays a literal type). */
export const pxelinuxRule = ruleOver<PxelinuxConfig>();
