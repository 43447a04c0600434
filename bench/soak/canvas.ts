/**
 * A tiny RGBA raster on pngjs (pure JS): pixels, thick lines, filled rectangles and text in
 * the bitmap font, written as a PNG. Enough for a line chart, no native build.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { glyph, glyphHeight, glyphWidth } from './bitmap-font';

export type Rgb = readonly [number, number, number];

export class Canvas {
  private readonly png: PNG;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.png = new PNG({ width, height });
    this.fillRect(0, 0, width, height, background);
  }

  pixel(x: number, y: number, [r, g, b]: Rgb): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const at = (py * this.width + px) * 4;
    this.png.data[at] = r;
    this.png.data[at + 1] = g;
    this.png.data[at + 2] = b;
    this.png.data[at + 3] = 255;
  }

  fillRect(x: number, y: number, width: number, height: number, color: Rgb): void {
    for (let dy = 0; dy < height; dy += 1)
      for (let dx = 0; dx < width; dx += 1) this.pixel(x + dx, y + dy, color);
  }

  /** A line `thickness` pixels wide; `dash` draws every other run of that many pixels. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1, dash = 0) {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    const half = Math.floor(thickness / 2);
    for (let step = 0; step <= steps; step += 1) {
      if (dash > 0 && Math.floor(step / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * step) / steps;
      const y = y0 + ((y1 - y0) * step) / steps;
      this.fillRect(Math.round(x) - half, Math.round(y) - half, thickness, thickness, color);
    }
  }

  /** Text with its top-left corner at (x, y), each font pixel `scale` pixels wide. */
  text(x: number, y: number, text: string, color: Rgb, scale = 2): void {
    for (let index = 0; index < text.length; index += 1) {
      const rows = glyph(text.charAt(index));
      const left = x + index * (glyphWidth + 1) * scale;
      for (let row = 0; row < glyphHeight; row += 1)
        for (let column = 0; column < glyphWidth; column += 1)
          if (((rows[row] ?? 0) >> (glyphWidth - 1 - column)) & 1)
            this.fillRect(left + column * scale, y + row * scale, scale, scale, color);
    }
  }

  save(file: string): void {
    writeFileSync(file, PNG.sync.write(this.png));
  }
}
