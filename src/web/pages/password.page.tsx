import { useSession } from '../web.session.tsx';
import { PasswordPage } from './sign-in.page.tsx';

/** The voluntary password change: the rules told up front; the change ends every session, this one included. */
export function ChangePasswordPage() {
  const { session, ended } = useSession();
  return <PasswordPage session={session} forced={false} onChanged={() => ended('密码已修改,请用新密码登录')} />;
}
