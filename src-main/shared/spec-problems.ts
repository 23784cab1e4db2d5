/**
 * Spec problems in words for users: zod's built-in messages ("Too small: expected number to be
 * >=1") become sentences that name the field as the form labels it. Messages the spec schema
 * wrote itself are kept; they already speak to the user.
 */
import type { z } from 'zod';
import { fieldLabel } from './spec-fields';

/** One field-level problem of a spec. */
export interface SpecProblem {
  /** Dotted path of the field, e.g. "data.lookback": tells the forms which field to mark. */
  path: string;
  /** The field's label in the forms, e.g. "Window (lookback)" or "Layer 1 units". */
  field?: string;
  /** A sentence for the user that names the field; never a raw schema path. */
  message: string;
}

/** zod's own messages start like this; the schema's custom messages do not. */
const BUILT_IN = /^(Too small|Too big|Invalid|Unrecognized key|Expected)/;

/** The problem a schema issue stands for, in words. */
export function describeIssue(issue: z.core.$ZodIssue): SpecProblem {
  const path = issue.path.map(String).join('.');
  const field = fieldLabel(issue.path);
  const message = BUILT_IN.test(issue.message) ? sentence(issue, field) : issue.message;
  return { path: path || '(spec)', field, message };
}

function sentence(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return `${field} needs at least ${min} ${min === 1 ? 'entry' : 'entries'}.`;
      if (issue.origin === 'string') return `${field} cannot be empty.`;
      return issue.inclusive === false ? `${field} must be more than ${min}.` : `${field} must be at least ${min}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return `${field} takes at most ${max} ${max === 1 ? 'entry' : 'entries'}.`;
      if (issue.origin === 'string') return `${field} is too long (at most ${max} characters).`;
      return issue.inclusive === false ? `${field} must be less than ${max}.` : `${field} must be at most ${max}.`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return `${field} must be a whole number.`;
      return issue.expected === 'number'
        ? `${field} must be a number.`
        : `${field} is missing or not a ${issue.expected === 'string' ? 'text' : issue.expected}.`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown settings in ${field.toLowerCase()}: ${issue.keys.join(', ')}. Remove them.`;
    default:
      return `${field} is not valid.`;
  }
}
