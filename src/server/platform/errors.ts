/**
 * The one error type routes throw. The error handler in app.ts turns it into
 * `{ error: { code, message, details } }` with the message in the user's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Key into platform/messages.ts; defaults to the code. */
    readonly messageKey: string = code,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(messageKey);
  }
}

export const badRequest = (key = 'bad_request', params?: Record<string, unknown>, details?: unknown) =>
  new AppError(400, 'bad_request', key, params, details);
export const validationFailed = (detail: string, details?: unknown) =>
  new AppError(400, 'validation_failed', 'validation_failed', { detail }, details);
export const unauthenticated = (key = 'unauthenticated') => new AppError(401, 'unauthenticated', key);
export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = () => new AppError(404, 'not_found');
export const conflict = (detail: string) => new AppError(409, 'conflict', 'conflict', { detail });
