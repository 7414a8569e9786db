import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LoginBody, SignupBody, User } from '@lait/shared';
import type { AuthSession, AuthState } from './auth-session';

export const AuthContext = createContext<AuthSession | null>(null);

export interface UseAuth {
  state: AuthState;
  /** The signed-in user, or null while loading and when signed out. */
  user: User | null;
  /** A valid access token (refreshed when about to expire), or null when signed out. */
  getAccessToken(): Promise<string | null>;
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>;
  login(body: LoginBody): Promise<User>;
  signup(body: SignupBody): Promise<User>;
  signOut(everywhere?: boolean): Promise<void>;
}

export function useAuthSession(): AuthSession {
  const session = useContext(AuthContext);
  if (!session) throw new Error('useAuth() needs an <AuthProvider> above it');
  return session;
}

/** The session as React state: re-renders on sign-in and sign-out, never on a token refresh. */
export function useAuth(): UseAuth {
  const session = useAuthSession();
  const state = useSyncExternalStore(session.subscribe, session.getState);
  return {
    state,
    user: state.status === 'signed-in' ? state.user : null,
    getAccessToken: session.getAccessToken,
    withToken: session.withToken,
    login: session.login,
    signup: session.signup,
    signOut: session.signOut,
  };
}
