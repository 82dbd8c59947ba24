/**
 * False on the first render, true once the page has painted a frame after it: lets heavy parts that are not
 * needed to see the flow (the run input's code editor, run history) mount after the canvas is on screen.
 */
import { useEffect, useState } from 'react';

export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    // A background tab has no frames: do not wait for one for long.
    const fallback = setTimeout(() => setPainted(true), 500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, []);
  return painted;
}
