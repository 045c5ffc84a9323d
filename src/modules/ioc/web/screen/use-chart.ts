import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

echarts.use([CanvasRenderer]);

/**
 * An ECharts instance on the returned element, drawn at `pixelRatio` (the stage's scale: sharp on a 4K wall), made
 * again when that changes, resized with its box and disposed on unmount: the screen runs for weeks and must not
 * leave instances behind. `onFinished` is told each time the chart has finished drawing.
 */
export function useChart(pixelRatio: number, onFinished?: () => void) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<echarts.ECharts | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    const c = echarts.init(element.current!, undefined, { devicePixelRatio: pixelRatio });
    c.on('finished', () => finished.current?.());
    setChart(c);
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      c.dispose();
      setChart(null);
    };
  }, [pixelRatio]);
  return { element, chart };
}
