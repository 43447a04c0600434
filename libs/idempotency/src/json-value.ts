/** What a JSONB column holds: an ERP result, a step result or an error record. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
