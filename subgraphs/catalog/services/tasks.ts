import { validationError } from '../../../kernel/errors.js';

export const TASKS = ['detect', 'segment', 'pose', 'obb', 'classify'] as const;
export type Task = (typeof TASKS)[number];

export function isTask(value: unknown): value is Task {
  return typeof value === 'string' && (TASKS as readonly string[]).includes(value);
}

export function checkTask(value: unknown, name = 'task'): Task {
  if (!isTask(value)) throw validationError(`${name} must be one of ${TASKS.join(', ')}`, { [name]: value });
  return value;
}
