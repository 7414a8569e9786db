import { useEffect, useState, type ReactNode } from 'react';
import { useApi } from '../../lib/api-context';
import { AuthContext } from './auth-context';
import { createAuthSession, type AuthSession } from './auth-session';

export interface AuthProviderProps {
  children: ReactNode;
  /** Tests inject a session; the app creates one for its lifetime. */
  session?: AuthSession;
}

export function AuthProvider({ children, session }: AuthProviderProps) {
  const api = useApi();
  const [owned] = useState(() => session ?? createAuthSession({ api }));
  useEffect(() => {
    owned.start();
    return () => owned.stop();
  }, [owned]);
  return <AuthContext.Provider value={owned}>{children}</AuthContext.Provider>;
}
