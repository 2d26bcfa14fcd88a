// Reading a text file that may not be there (or may be a directory): the
// file's text, or undefined. Error rendering and source watching need no more.

import { readFileSync } from 'node:fs';

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
