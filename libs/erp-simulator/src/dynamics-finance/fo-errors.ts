/**
 * F&O's error answers. OData v4 error JSON; write failures are HTTP 500 with the Infolog
 * buried in `innererror.message` and the type `AxODataWriteException` (recorded example in
 * recorded/write-failure.json); an X++ `throw error(...)` inside an action surfaces as
 * `Microsoft.Dynamics.Ax.Xpp.ErrorException` with the Infolog text.
 */
export const AX_WRITE_EXCEPTION =
  'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';
export const XPP_ERROR_EXCEPTION = 'Microsoft.Dynamics.Ax.Xpp.ErrorException';

export interface FoErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly innererror?: {
      readonly message: string;
      readonly type: string;
      readonly stacktrace: string;
    };
  };
}

export class FoError extends Error {
  constructor(
    readonly status: number,
    readonly body: FoErrorBody,
  ) {
    super(body.error.innererror?.message ?? body.error.message);
  }
}

/** 404 for a key or route that does not exist (Web API wording). */
export function notFound(url: string): FoError {
  return new FoError(404, {
    error: {
      code: '',
      message: `No HTTP resource was found that matches the request URI '${url}'.`,
    },
  });
}

/** 400 for a request the OData layer cannot parse. */
export function badQuery(message: string): FoError {
  return new FoError(400, { error: { code: '', message } });
}

/** 500 AxODataWriteException: a create or update refused by the entity's validation. */
export function writeFailure(entity: string, infolog: string): FoError {
  return new FoError(500, {
    error: {
      code: '',
      message: 'An error has occurred.',
      innererror: {
        message: `Write failed for table row of type '${entity}'. Infolog: ${infolog}`,
        type: AX_WRITE_EXCEPTION,
        stacktrace:
          '   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.CreateEntity_Save(...)',
      },
    },
  });
}

/** 500 from an X++ action that threw. */
export function actionFailure(infolog: string): FoError {
  return new FoError(500, {
    error: {
      code: '',
      message: 'An error has occurred.',
      innererror: {
        message: infolog,
        type: XPP_ERROR_EXCEPTION,
        stacktrace: '   at Dynamics.AX.Application.HubIntegration...',
      },
    },
  });
}

/** The resource-based throttling answer (service protection API limits). */
export const THROTTLED_MESSAGE =
  'This request could not be processed at this time due to system experiencing high resource utilization.';
