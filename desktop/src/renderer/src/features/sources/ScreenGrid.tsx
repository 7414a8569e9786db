import type { CaptureSource } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';
import './sources.css';

interface Props {
  screens: CaptureSource[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}

/** Screens first, then windows, each as its thumbnail and name; choosing one again clears it. */
export function ScreenGrid({ screens, selected, onSelect }: Props) {
  const { t } = useI18n();
  const ordered = [...screens].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'screen' ? -1 : 1));
  return (
    <div className="screen-grid" role="listbox" aria-label={t('sources.screen')} data-testid="source-screens">
      {ordered.map((s) => (
        <button
          key={s.id} type="button" role="option" aria-selected={s.id === selected}
          className={`screen-tile${s.id === selected ? ' selected' : ''}`} data-testid="source-screen-tile" data-source-id={s.id}
          onClick={() => onSelect(s.id === selected ? null : s.id)}
        >
          {s.thumbnailDataUrl ? <img src={s.thumbnailDataUrl} alt="" /> : <span className="screen-tile-blank" aria-hidden="true" />}
          <span className="screen-tile-name">{s.kind === 'screen' ? '🖥 ' : '🗔 '}{s.name}</span>
        </button>
      ))}
    </div>
  );
}
