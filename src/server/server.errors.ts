import { AppError, describeError, isAppError } from '../core/errors.ts';

/**
 * What Fastify and its plugins refuse before a route runs (a body too large,
 * not JSON, of an unknown type; a bad URL; a path outside the assets) carries
 * a 4xx statusCode: it is the client's error, answered through the one error
 * model, not as a 500.
 */
const byFastifyCode: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('body_too_large', '提交的内容过大'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new AppError('unsupported_media_type', '不支持这种内容类型:请以表单或 JSON(application/json)提交'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AppError('bad_request', '请求的内容长度有误'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('bad_request', '提交的内容不是有效的 JSON'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('bad_request', '提交的 JSON 内容为空'),
  FST_ERR_BAD_URL: () => new AppError('bad_request', '网址有误'),
  FST_ERR_ASYNC_CONSTRAINT: () => new AppError('bad_request', '请求有误'),
};

const byStatus: Record<number, () => AppError> = {
  // A plugin's 403 (a path outside the console's assets) is a thing the caller may not see: 404.
  403: () => new AppError('not_found', '不存在'),
  404: () => new AppError('not_found', '不存在'),
  405: () => new AppError('bad_request', '不支持这种请求方法'),
  413: () => new AppError('body_too_large', '提交的内容过大'),
  415: () => new AppError('unsupported_media_type', '不支持这种内容类型:请以表单或 JSON(application/json)提交'),
};

export function asAppError(error: unknown): unknown {
  if (isAppError(error) || !(error instanceof Error)) return error;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'string' && Object.hasOwn(byFastifyCode, code)) return byFastifyCode[code]!();
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return Object.hasOwn(byStatus, statusCode) ? byStatus[statusCode]!() : new AppError('bad_request', '请求有误');
  }
  return error;
}

/** What may be shown for any thrown value (internals never leak). */
export function describeHttpError(error: unknown) {
  return describeError(asAppError(error));
}
