// Generates every app icon from the one source image, build/icon.svg:
//   build/icon.png (1024), build/icons/<size>.png (the Linux icon set, and
//   the inputs of the next two), build/icon.ico (Windows, multi-size) and
//   build/icon.icns (macOS).
// sharp renders the SVG at each size (from the vector, not by shrinking the
// 1024 px image, so small sizes stay crisp); icon-gen packs the ICO and ICNS.
// Both ship prebuilt binaries or pure JS inside their npm packages: nothing is
// downloaded at install time. The outputs are committed; re-run after editing
// the SVG.
import { mkdir, readFile, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import iconGen from 'icon-gen';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildDir = path.join(root, 'build');
const setDir = path.join(buildDir, 'icons');

// 24 is not in the Linux set's usual list but Windows uses it (small icons
// at 150 % scaling), so the ICO wants it and icon-gen requires the file.
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

export async function generateIcons() {
  const svg = await readFile(path.join(buildDir, 'icon.svg'));
  await rm(setDir, { recursive: true, force: true });
  await mkdir(setDir, { recursive: true });
  for (const size of PNG_SIZES) {
    // The SVG is 1024 px wide at 72 dpi: scale the density so librsvg
    // rasterises straight at the target size.
    await sharp(svg, { density: (72 * size) / 1024 })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toFile(path.join(setDir, `${size}.png`));
  }
  await copyFile(path.join(setDir, '1024.png'), path.join(buildDir, 'icon.png'));
  await iconGen(setDir, buildDir, {
    report: false,
    ico: { name: 'icon', sizes: ICO_SIZES },
    icns: { name: 'icon', sizes: ICNS_SIZES },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await generateIcons();
  console.log('Icons written to build/.');
}
