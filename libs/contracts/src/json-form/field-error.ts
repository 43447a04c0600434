/** One problem with one field of a JSON-form value; `path` as in `lines[2].quantityOrdered`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export const rootPath = '';

export function fieldPath(parent: string, field: string): string {
  return parent === rootPath ? field : `${parent}.${field}`;
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** `lines[2].quantityOrdered: must be a decimal string`, one per line. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.path || '(value)'}: ${error.message}`).join('\n');
}
