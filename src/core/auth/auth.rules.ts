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

/**
 * Long enough to resist guessing; no composition rules, which only make passwords worse.
 * Declared once: the change-password forms show these rules before anything is refused, and check them as one types.
 */
export const passwordRules: readonly { rule: string; problem: string; broken(password: string, username: string): boolean }[] = [
  { rule: '至少 12 个字符', problem: '密码至少 12 个字符', broken: (password) => password.length < 12 },
  { rule: '不超过 200 个字符', problem: '密码不能超过 200 个字符', broken: (password) => password.length > 200 },
  { rule: '不能包含用户名', problem: '密码不能包含用户名', broken: (password, username) => password.toLowerCase().includes(username.toLowerCase()) },
  { rule: '不能由同一个字符重复组成', problem: '密码不能由同一个字符重复组成', broken: (password) => /^(.)\1+$/.test(password) },
];

/** What is wrong with a password, in the words shown to its owner; empty when it may be used. */
export function passwordProblems(password: string, username: string): string[] {
  return passwordRules.filter((rule) => rule.broken(password, username)).map((rule) => rule.problem);
}

export function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw new AppError('validation_failed', problems.join(';'), { problems: problems.map((message) => ({ field: 'password', message })) });
}

export function checkUsername(username: string): void {
  if (!/^[a-z][a-z0-9._-]{2,39}$/.test(username)) throw new AppError('validation_failed', '用户名应为 3 到 40 位小写字母、数字或 . _ -,以字母开头');
}
