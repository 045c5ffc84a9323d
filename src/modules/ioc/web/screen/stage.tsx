import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

/** The size the screen is designed at; every other display shows it scaled. */
export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

/** How much the stage is scaled: 1 at 1920×1080, 2 on a 3840×2160 wall. */
export function fitScale(width: number, height: number): number {
  return Math.max(0.1, Math.min(width / STAGE_WIDTH, height / STAGE_HEIGHT));
}

const ScaleContext = createContext(1);

/**
 * The pixel ratio charts draw at: the stage's scale times the display's own, so that canvases stay sharp when the
 * stage is enlarged (text and SVG scale by themselves).
 */
export function useChartPixelRatio(): number {
  const scale = useContext(ScaleContext);
  return Math.max(1, Math.ceil(scale * (window.devicePixelRatio || 1) * 4) / 4);
}

/**
 * A fixed 1920×1080 stage, scaled to fit the window and centred, the rest left black (letterboxed): the layout is
 * the same on a 16:9 wall, a 4K display and a 16:10 projector.
 */
export function Stage({ children }: { children: ReactNode }) {
  const [size, setSize] = useState(() => [window.innerWidth, window.innerHeight] as const);
  useEffect(() => {
    const resized = () => setSize([window.innerWidth, window.innerHeight]);
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, []);
  const [width, height] = size;
  const scale = fitScale(width, height);
  const left = (width - STAGE_WIDTH * scale) / 2;
  const top = (height - STAGE_HEIGHT * scale) / 2;
  return (
    <ScaleContext.Provider value={scale}>
      <div
        className="ioc-stage"
        style={{
          width: STAGE_WIDTH,
          height: STAGE_HEIGHT,
          transform: `translate(${left}px, ${top}px) scale(${scale})`,
        }}
      >
        {children}
      </div>
    </ScaleContext.Provider>
  );
}
