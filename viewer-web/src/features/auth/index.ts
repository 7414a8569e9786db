export { AuthProvider } from './AuthProvider';
export { useAuth, type UseAuth } from './auth-context';
export type { AuthSession, AuthState } from './auth-session';
