/** Control-bar icons as inline SVG (emoji glyphs are missing on many Linux desktops). */
function Icon({ d, fill = false }: { d: string; fill?: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill={fill ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

export const PlayIcon = () => <Icon d="M7 4.5v15l12-7.5z" fill />;
export const PauseIcon = () => <Icon d="M7 5h3v14H7zM14 5h3v14h-3z" fill />;
export const FullscreenIcon = ({ on }: { on: boolean }) => (
  <Icon d={on ? 'M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5' : 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5'} />
);
export const TheatreIcon = () => <Icon d="M3 6h18v12H3zM15 6v12" />;
export const PipIcon = () => <Icon d="M3 5h18v14H3zM12 12h7v5h-7z" />;
