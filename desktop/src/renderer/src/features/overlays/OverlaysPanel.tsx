import type { OverlayLayer } from '@lait/shared';
import { useState, type ChangeEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { OverlayEditor } from './OverlayEditor';
import { createChatLayer, createImageLayer, createTextLayer, moveLayer, readImageFile, type ImageFileError } from './overlay-layers';
import './overlays.css';

interface Props {
  layers: readonly OverlayLayer[];
  onChange: (layers: OverlayLayer[]) => void;
}

/** What a layer is called in the list: its text, or its kind. */
function useLayerName() {
  const { t } = useI18n();
  return (l: OverlayLayer) => (l.kind === 'text' && l.text.trim() ? l.text : t(`overlays.kind.${l.kind}`));
}

/**
 * The scene's overlay layers as OBS lists sources: top of the list is drawn on top. Each row has
 * its visibility, order and remove buttons; the selected layer's properties are edited below.
 */
export function OverlaysPanel({ layers, onChange }: Props) {
  const { t } = useI18n();
  const name = useLayerName();
  const [selected, setSelected] = useState<string | null>(null);
  const [fileError, setFileError] = useState<ImageFileError | null>(null);
  const add = (layer: OverlayLayer) => {
    onChange([...layers, layer]);
    setSelected(layer.id);
  };
  const update = (next: OverlayLayer) => onChange(layers.map((l) => (l.id === next.id ? next : l)));
  const pickImage = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const read = await readImageFile(file);
    setFileError(read.ok ? null : read.error);
    if (read.ok) add(createImageLayer(read.src));
  };
  const current = layers.find((l) => l.id === selected) ?? null;
  // Listed top layer first (drawn last), as in OBS.
  const rows = layers.map((layer, index) => ({ layer, index })).reverse();

  return (
    <fieldset className="card panel overlays" data-testid="overlays-panel">
      <legend>{t('overlays.title')}</legend>
      <div className="overlay-add">
        <button type="button" className="button button--ghost button--small" data-testid="overlay-add-text" onClick={() => add(createTextLayer(t('overlays.text.default')))}>+ {t('overlays.kind.text')}</button>
        <label className="button button--ghost button--small button-like">
          + {t('overlays.kind.image')}
          <input type="file" accept="image/png,image/jpeg" data-testid="overlay-add-image" onChange={(e) => void pickImage(e)} />
        </label>
        <button type="button" className="button button--ghost button--small" data-testid="overlay-add-chat" onClick={() => add(createChatLayer())}>+ {t('overlays.kind.chat')}</button>
      </div>
      {fileError && <p className="form-error error" data-testid="overlay-file-error">{t(`overlays.image.${fileError}`)}</p>}
      {rows.length === 0 && <p className="muted">{t('overlays.empty')}</p>}
      <ol className="overlay-list">
        {rows.map(({ layer, index }) => (
          <li key={layer.id} className={`overlay-row${layer.id === selected ? ' selected' : ''}`} data-testid="overlay-row" data-kind={layer.kind}>
            <input type="checkbox" aria-label={t('overlays.visible')} data-testid="overlay-visible" checked={layer.visible}
              onChange={(e) => update({ ...layer, visible: e.target.checked })} />
            <button type="button" className="overlay-name" aria-pressed={layer.id === selected} data-testid="overlay-select"
              onClick={() => setSelected(layer.id === selected ? null : layer.id)}>
              {name(layer)}
            </button>
            <button type="button" className="button button--ghost button--icon icon" aria-label={t('overlays.up')} disabled={index === layers.length - 1}
              onClick={() => onChange(moveLayer(layers, index, 1))}>↑</button>
            <button type="button" className="button button--ghost button--icon icon" aria-label={t('overlays.down')} disabled={index === 0}
              onClick={() => onChange(moveLayer(layers, index, -1))}>↓</button>
            <button type="button" className="button button--ghost button--icon icon" aria-label={t('overlays.remove')} data-testid="overlay-remove"
              onClick={() => onChange(layers.filter((l) => l.id !== layer.id))}>✕</button>
          </li>
        ))}
      </ol>
      {current && <OverlayEditor layer={current} onChange={update} />}
    </fieldset>
  );
}
