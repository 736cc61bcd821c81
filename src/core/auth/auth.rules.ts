import { AppError } from '../errors.ts';

/** After this many failed sign-ins in a row an account waits before it may try again. */
export const maxFailedAttempts = 5;
export const lockMinutes = 15;
export const sessionHours = 8;
/** Sign-ins a minute from one address, and to one account name, over every sign-in route together. */
export const signInsPerMinute = 10;

/**
 * The one answer to every refused sign-in: unknown name, wrong password,
 * stopped or locked account alike, so that it tells nobody which names exist.
 */
export const signInRefused = `用户名或密码不正确。连续 ${maxFailedAttempts} 次失败后账号将暂停登录 ${lockMinutes} 分钟;如有疑问请联系管理员`;

/** Long enough to resist guessing; no composition rules, which only make passwords worse. */
export function checkPassword(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < 12) problems.push('密码至少 12 个字符');
  if (password.length > 200) problems.push('密码不能超过 200 个字符');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  if (/^(.)\1+$/.test(password)) problems.push('密码不能由同一个字符重复组成');
  if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'), { problems: problems.map((message) => ({ field: 'password', message })) });
}

export function checkUsername(username: string): void {
  if (!/^[a-z][a-z0-9._-]{2,39}$/.test(username)) throw new AppError('validation_failed', '用户名应为 3 到 40 位小写字母、数字或 . _ -,以字母开头');
}
