import { useState, type FormEvent } from 'react';
import { isApiRequestError } from '../../lib/api-error';
import { useErrorMessage } from '../../lib/use-error-message';

/**
 * Submit state for a form whose action may fail with an API error: busy flag and a specific message,
 * with the field the server named (if any) so the form can show it there. `describe` may word an
 * error better than the generic table (the rule a weak password broke, say).
 */
export function useSubmit(action: () => Promise<void>, describeFirst?: (err: unknown) => string | null) {
  const generic = useErrorMessage();
  const describe = (err: unknown) => describeFirst?.(err) ?? generic(err);
  const [busy, setBusy] = useState(false);
  const [error, setErrorState] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const setError = (message: string | null) => {
    setErrorState(message);
    setField(null);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setErrorState(describe(err));
      setField(isApiRequestError(err) ? (err.field ?? null) : null);
    } finally {
      setBusy(false);
    }
  };
  /** The message for `name` when the server's refusal is about that field. */
  const errorAt = (name: string) => (field === name ? error : null);
  /** The message for the whole form: a refusal about no field (or one the form does not show). */
  const formError = (shown: readonly string[]) => (field !== null && shown.includes(field) ? null : error);
  return { busy, error, errorAt, formError, setError, onSubmit: (e: FormEvent) => void onSubmit(e) };
}
