import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text`; says "copied" for two seconds. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // No clipboard permission (plain http, old browser): the value stays selectable.
    }
  };
  return (
    <button type="button" className="button button--ghost copy-button" data-testid={testId} onClick={() => void copy()}>
      {copied ? t('dashboard.copied') : t('dashboard.copy')}
    </button>
  );
}
