import fs from 'node:fs';
import { createRequire } from 'node:module';

// The briefings' typeface: Noto Sans SC (思源黑体), from the npm package that ships its TTF files, so the documents
// look the same on every machine. The PDF embeds the characters it uses; the charts' pictures are drawn with it;
// the DOCX names it (a viewer without it falls back to its own Chinese sans-serif).
const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'Noto Sans SC';

/** The paths of the regular and bold TTF files. */
export const fontFiles = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

let loaded: { regular: Buffer; bold: Buffer } | undefined;

/** The two TTF files' bytes, read once per process (10 MB each). */
export function fontBytes(): { regular: Buffer; bold: Buffer } {
  loaded ??= { regular: fs.readFileSync(fontFiles.regular), bold: fs.readFileSync(fontFiles.bold) };
  return loaded;
}
