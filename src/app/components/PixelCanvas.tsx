import { useEffect, useRef } from 'react';

/** Draws an RGBA buffer (from the worker) onto a canvas, scaled up without smoothing. */
export function PixelCanvas(props: { rgba: Uint8ClampedArray; size: number; label: string; display?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { rgba, size, label, display = 112 } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || rgba.length !== size * size * 4) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), size, size), 0, 0);
  }, [rgba, size]);
  return (
    <canvas
      ref={ref}
      width={size}
      height={size}
      className="pixel-canvas"
      style={{ width: display, height: display }}
      role="img"
      aria-label={label}
    />
  );
}
