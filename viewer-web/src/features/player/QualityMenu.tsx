import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTO, choiceOf, isSameChoice, menuLevels, resolveChoice, type QualityChoice, type QualityLevel } from './quality';
import type { QualityState } from './use-live-player';

interface Item {
  key: string;
  /** `auto`, `source` or the rung's height (`480p`), for tests and styles. */
  name: string;
  label: string;
  choice: QualityChoice;
  checked: boolean;
}

/**
 * The quality menu of the control bar (WAI-ARIA menu button): Auto, the source and each rung.
 * Hidden while there is one level (no ladder) and for native HLS, where the browser picks.
 */
export function QualityMenu({ quality }: { quality: QualityState }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const menuId = useId();
  const { levels, playing, choice, select } = quality;

  const levelLabel = (l: QualityLevel) => (l.source ? t('player.qualitySource', { height: l.height }) : `${l.height}p`);
  const chosen = resolveChoice(choice, levels);
  const items: Item[] = [
    { key: 'auto', name: 'auto', label: t('player.qualityAuto'), choice: AUTO, checked: choice.kind === 'auto' },
    ...menuLevels(levels).map((l) => ({ key: String(l.index), name: l.source ? 'source' : `${l.height}p`, label: levelLabel(l), choice: choiceOf(l), checked: chosen === l.index })),
  ];
  const playingLevel = levels.find((l) => l.index === playing);
  const chosenLevel = levels.find((l) => l.index === chosen);
  const current =
    choice.kind === 'auto' || !chosenLevel
      ? playingLevel
        ? t('player.qualityAutoPlaying', { height: playingLevel.height })
        : t('player.qualityAuto')
      : levelLabel(chosenLevel);

  useEffect(() => {
    if (open) itemRefs.current[focused]?.focus();
  }, [open, focused]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !rootRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (levels.length < 2) return null;

  const openAt = (index: number) => {
    setFocused((index + items.length) % items.length);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = (item: Item) => {
    if (!isSameChoice(item.choice, choice)) select(item.choice);
    close();
  };
  const checkedIndex = Math.max(0, items.findIndex((i) => i.checked));

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const at = { ArrowDown: checkedIndex, Enter: checkedIndex, ' ': checkedIndex, ArrowUp: items.length - 1 }[e.key];
    if (at === undefined) return;
    // Handled here: the player's own shortcuts (space, ↑/↓ volume) must not see it.
    e.preventDefault();
    openAt(at);
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => openAt(focused + 1),
      ArrowUp: () => openAt(focused - 1),
      Home: () => openAt(0),
      End: () => openAt(items.length - 1),
      Escape: close,
      Enter: () => items[focused] && choose(items[focused]),
      ' ': () => items[focused] && choose(items[focused]),
    };
    if (e.key === 'Tab') return setOpen(false);
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
  };

  return (
    <div className="player__quality" ref={rootRef} data-testid="player-quality">
      <button
        ref={buttonRef}
        type="button"
        className="player__quality-button"
        data-testid="player-quality-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('player.qualityButton', { value: current })}
        title={t('player.quality')}
        onClick={() => (open ? setOpen(false) : openAt(checkedIndex))}
        onKeyDown={onButtonKey}
      >
        {current}
      </button>
      {open && (
        <ul id={menuId} className="player__quality-menu" role="menu" aria-label={t('player.quality')} data-testid="player-quality-menu" onKeyDown={onMenuKey}>
          {items.map((item, i) => (
            <li
              key={item.key}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              role="menuitemradio"
              aria-checked={item.checked}
              tabIndex={i === focused ? 0 : -1}
              className="player__quality-item"
              data-testid="player-quality-item"
              data-choice={item.name}
              onClick={() => choose(item)}
            >
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
