import { validationError } from '../../../kernel/errors.js';

const MAX_NAME = 100;
const MAX_DESCRIPTION = 2000;

/** A display name: trimmed, 1 to 100 characters. */
export function checkName(value: unknown, field = 'name'): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME)
    throw validationError(`${field} must be 1 to ${MAX_NAME} characters`, { [field]: value });
  return name;
}

export function checkDescription(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value.length > MAX_DESCRIPTION) throw validationError(`description must be at most ${MAX_DESCRIPTION} characters`);
  return value.trim() || null;
}

/** The URL-friendly form of a name, as the seed shows it (`my-dataset`). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'untitled';
}
