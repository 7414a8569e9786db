import { useState, type FormEvent } from 'react';
import { useErrorMessage } from '../../lib/use-error-message';

/** Submit state for a form whose action may fail with an API error: busy flag and a specific message. */
export function useSubmit(action: () => Promise<void>) {
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, onSubmit: (e: FormEvent) => void onSubmit(e) };
}
