import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Session } from '../core/auth/index.ts';
import { ApiError, getJson, postJson, setCsrfToken } from './web.api.ts';
import { PasswordPage, SignInPage } from './pages/sign-in.page.tsx';

export const sessionKey = ['session'];

interface SessionValue {
  session: Session;
  signOut(): Promise<void>;
  /** The session ended on the server (a changed password ends them all): back to sign-in, saying why. */
  ended(notice: string): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in member of staff; only inside SessionGate. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionGate');
  return value;
}

async function currentSession(): Promise<Session | null> {
  try {
    return await getJson<Session>('/api/staff/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Sign-in first, then the forced password change, then the console. */
export function SessionGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: sessionKey, queryFn: currentSession, staleTime: 5 * 60_000 });
  // Said on the sign-in page after a password change, which ends the session: the next sign-in uses the new one.
  const [notice, setNotice] = useState<string | null>(null);
  if (me.isPending) return <Spin fullscreen tip="正在载入" />;
  if (me.isError) return <Result status="error" title="无法连接服务器" subTitle={me.error.message} />;
  const session = me.data;
  setCsrfToken(session?.csrfToken ?? null);
  const enter = (next: Session | null, said: string | null = null) => {
    setNotice(said);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    client.setQueryData(sessionKey, next);
  };
  if (!session) return <SignInPage onSignedIn={(next) => enter(next)} notice={notice} />;
  if (session.user.mustChangePassword) return <PasswordPage session={session} onChanged={() => enter(null, '密码已修改,请用新密码登录')} />;
  const signOut = async () => {
    await postJson('/api/staff/sign-out').catch(() => undefined);
    enter(null);
  };
  return <SessionContext.Provider value={{ session, signOut, ended: (said) => enter(null, said) }}>{children}</SessionContext.Provider>;
}
