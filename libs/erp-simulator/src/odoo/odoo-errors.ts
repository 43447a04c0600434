/**
 * Odoo's exceptions as they leave the server (docs/erp-protocols.md §1.2–1.4): the dotted class
 * name for JSON-RPC `error.data.name`, the XML-RPC faultCode, the JSON-2 HTTP status.
 */
export type OdooErrorName =
  | 'odoo.exceptions.UserError'
  | 'odoo.exceptions.ValidationError'
  | 'odoo.exceptions.MissingError'
  | 'odoo.exceptions.AccessError'
  | 'odoo.exceptions.AccessDenied'
  | 'builtins.ValueError'
  | 'builtins.AttributeError'
  | 'builtins.TypeError'
  | 'builtins.KeyError';

export class OdooError extends Error {
  constructor(
    readonly odooName: string,
    message: string,
  ) {
    super(message);
    this.name = 'OdooError';
  }

  /** `/xmlrpc/2` faultCode (rpc.py `xmlrpc_handle_exception_int`). */
  get faultCode(): number {
    if (this.odooName === 'odoo.exceptions.AccessError') return 4;
    if (this.odooName === 'odoo.exceptions.AccessDenied') return 3;
    return isUserError(this.odooName) ? 2 : 1;
  }

  /** faultString: the message for warnings and access errors, the traceback otherwise. */
  get faultString(): string {
    return this.faultCode === 1 ? this.debug : this.message;
  }

  /** JSON-2 status (Odoo 19 dispatcher and exception `http_status`). */
  get httpStatus(): number {
    if (this.odooName === 'odoo.exceptions.AccessError') return 403;
    if (this.odooName === 'odoo.exceptions.AccessDenied') return 403;
    if (this.odooName === 'odoo.exceptions.MissingError') return 404;
    return isUserError(this.odooName) ? 422 : 500;
  }

  /** AccessDenied suppresses its traceback; everything else carries one. */
  get debug(): string {
    const last = `${this.odooName.replace(/^builtins\./, '')}: ${this.message}\n`;
    if (this.odooName === 'odoo.exceptions.AccessDenied') return last;
    return (
      'Traceback (most recent call last):\n' +
      '  File "/opt/odoo/odoo/service/model.py", line 156, in retrying\n' +
      '    result = func()\n' +
      last
    );
  }

  /** `serialize_exception(exc)`. */
  serialize(): {
    name: string;
    message: string;
    arguments: string[];
    context: object;
    debug: string;
  } {
    return {
      name: this.odooName,
      message: this.message,
      arguments: [this.message],
      context: {},
      debug: this.debug,
    };
  }
}

const userErrorNames = new Set([
  'odoo.exceptions.UserError',
  'odoo.exceptions.ValidationError',
  'odoo.exceptions.MissingError',
  'odoo.exceptions.RedirectWarning',
]);

function isUserError(name: string): boolean {
  return userErrorNames.has(name);
}

export const odooErrors = {
  user: (message: string) => new OdooError('odoo.exceptions.UserError', message),
  validation: (message: string) => new OdooError('odoo.exceptions.ValidationError', message),
  access: (message: string) => new OdooError('odoo.exceptions.AccessError', message),
  accessDenied: () => new OdooError('odoo.exceptions.AccessDenied', 'Access Denied'),
  missing: (model: string, ids: readonly number[], uid: number) =>
    new OdooError(
      'odoo.exceptions.MissingError',
      `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
    ),
  invalidField: (model: string, field: string) =>
    new OdooError('builtins.ValueError', `Invalid field '${field}' on model '${model}'`),
  value: (message: string) => new OdooError('builtins.ValueError', message),
  noMethod: (model: string, method: string) =>
    new OdooError(
      'builtins.AttributeError',
      `The method '${method}' does not exist on the model '${model}'`,
    ),
  noModel: (model: string) =>
    new OdooError('odoo.exceptions.UserError', `Object ${model} doesn't exist`),
  type: (message: string) => new OdooError('builtins.TypeError', message),
};
