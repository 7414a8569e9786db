import { useSearchParams } from 'react-router';
import { safeNextPath } from './next-path';

/** Where to go after signing in: `?next=` when it is a path on this site, else home. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  return safeNextPath(params.get('next'));
}
