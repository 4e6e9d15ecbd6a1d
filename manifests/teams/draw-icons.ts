// Draws the Teams app icons beside this file: color.png (192×192, the glyph in white on the accent
// colour) and outline.png (32×32, the glyph in white on transparent, as Teams requires).
// Run with `node manifests/teams/draw-icons.ts`; the PNGs are committed, so this runs only when the
// design changes. The glyph is an exclamation mark in a ring, drawn from geometry rather than a
// font so that the output is the same on every machine.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** The manifest's accentColor, #B3261E. */
const accent = [0xb3, 0x26, 0x1e] as const;

/** Subsamples per pixel side: edges get 16 levels of coverage instead of jagged steps. */
const samples = 4;

/** Whether the point (x, y), both from 0 to 1 across the icon, lies on the glyph. */
function onGlyph(x: number, y: number, scale: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const distance = Math.hypot(dx, dy);
  const ring = distance <= 0.46 * scale && distance >= 0.36 * scale;
  const barHalfWidth = 0.055 * scale;
  const barTop = 0.5 - 0.2 * scale;
  const barBottom = 0.5 + 0.05 * scale;
  const nearestOnBar = Math.min(Math.max(y, barTop), barBottom);
  const bar = Math.hypot(dx, y - nearestOnBar) <= barHalfWidth;
  const dot = Math.hypot(dx, y - (0.5 + 0.19 * scale)) <= 0.065 * scale;
  return ring || bar || dot;
}

/** The share of the pixel (px, py) that the glyph covers, from 0 to 1. */
function coverage(px: number, py: number, size: number, scale: number): number {
  let inside = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (onGlyph((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, scale)) inside++;
    }
  }
  return inside / (samples * samples);
}

function draw(size: number, scale: number, paint: (cover: number) => readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(coverage(x, y, size, scale));
      const at = (y * size + x) * 4;
      png.data[at] = r;
      png.data[at + 1] = g;
      png.data[at + 2] = b;
      png.data[at + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

const mix = (from: number, cover: number) => Math.round(from + (255 - from) * cover);

// Teams crops the colour icon to its own shapes and asks for the symbol in the middle half.
const color = draw(192, 0.55, (cover) => [mix(accent[0], cover), mix(accent[1], cover), mix(accent[2], cover), 255]);
// The outline icon is white on transparent: edges fade through alpha only, never through grey.
const outline = draw(32, 1, (cover) => [255, 255, 255, Math.round(255 * cover)]);

writeFileSync(new URL('./color.png', import.meta.url), color);
writeFileSync(new URL('./outline.png', import.meta.url), outline);
