import { ERROR_STATUS, type ErrorCode, type FieldIssue, type TErrorBody, type TErrorPosition } from "@/lib/contracts/errors";

export { ERROR_STATUS, type ErrorCode, type FieldIssue, type TErrorBody };

/** The one error type of the server: a code that maps to an HTTP status (lib/contracts/errors), and a message fit for users. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly position?: TErrorPosition,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(err: AppError, requestId: string): TErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.fields?.length ? { fields: err.fields } : {}),
      ...(err.position ? { position: err.position } : {}),
    },
  };
}

/** Anything that is not an AppError becomes a generic 500: the cause goes to the log, never to the client. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("internal", "Something went wrong on our side. Try again; if it persists, quote the request id.");
}

export const unauthorized = () => new AppError("unauthorized", "Sign in to continue.");
export const forbidden = (what: string) =>
  new AppError("forbidden", `Your role does not allow you to ${what}. Ask an Owner of the workspace or subscription.`);
export const notFound = (what: string) => new AppError("not_found", `${what} was not found, or you have no access to it.`);
