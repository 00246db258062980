/** The SQLSTATE codes the repositories turn into result values. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

interface DatabaseErrorShape {
  code: string;
  constraint?: string;
}

// pg and PGlite both raise errors carrying the server's SQLSTATE and constraint name.
function isDatabaseError(error: unknown): error is DatabaseErrorShape {
  return (
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
  );
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    isDatabaseError(error) &&
    error.code === UNIQUE_VIOLATION &&
    (constraint === undefined || error.constraint === constraint)
  );
}

export function isForeignKeyViolation(error: unknown): boolean {
  return isDatabaseError(error) && error.code === FOREIGN_KEY_VIOLATION;
}
