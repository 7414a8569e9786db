import type { LadderHealth as LadderHealthData } from '@lait/shared';
import { useTranslation } from 'react-i18next';

/** Rungs below this speed fall behind real time (ffmpeg's own speed: 1 = real time). */
const REAL_TIME = 1;

/** The adaptive quality ladder of the live stream: its state, and each rung with its transcoder's speed. */
export function LadderHealth({ ladder }: { ladder: LadderHealthData }) {
  const { t } = useTranslation();
  return (
    <div className="dash-ladder" data-testid="ladder-health" data-state={ladder.state}>
      <h3>{t('dashboard.ladderTitle')}</h3>
      <p className="dash-muted" data-testid="ladder-state">
        {t(`dashboard.ladderStates.${ladder.state}`)}
      </p>
      {ladder.rungs.length > 0 && (
        <ul className="dash-ladder__rungs">
          {ladder.rungs.map((r) => (
            <li key={r.name} data-testid={`ladder-rung-${r.name}`} className={r.speed !== null && r.speed < REAL_TIME ? 'dash-ladder__rung--behind' : undefined}>
              <span className="dash-ladder__name">{r.name}</span>
              <span>{r.live ? t('dashboard.ladderRungLive') : t('dashboard.ladderRungStarting')}</span>
              <span data-testid={`ladder-speed-${r.name}`}>{r.speed === null ? t('dashboard.measuring') : t('dashboard.ladderSpeed', { n: Math.round(r.speed * 100) / 100 })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
