import { useId, type InputHTMLAttributes } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** Shown under the field; `problem` replaces it and marks the field invalid. */
  hint?: string;
  problem?: string | null;
  testId: string;
}

export function TextField({ label, hint, problem, testId, ...input }: TextFieldProps) {
  const id = useId();
  const note = problem ?? hint;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        data-testid={testId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        {...input}
      />
      {note && (
        <p id={`${id}-note`} className={problem ? 'field__note field__note--problem' : 'field__note'}>
          {note}
        </p>
      )}
    </div>
  );
}
